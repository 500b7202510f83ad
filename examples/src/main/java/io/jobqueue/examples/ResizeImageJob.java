package io.jobqueue.examples;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;

/**
 * A job: makes a thumbnail of one image. It travels as JSON ({@code {"image": …, "width": …}}), so it
 * holds what the work is made from, a name and a number, never the image itself. A record needs no
 * extra constructor for the JSON reader.
 *
 * <p>It prints one line to stdout instead of logging: the line is the example's visible result, and
 * {@code jobqueue job:work} logs only warnings unless {@code --verbose}.
 *
 * @param image the image's name in the application's storage
 * @param width the thumbnail's width in pixels
 */
public record ResizeImageJob(String image, int width) implements Job {

    @Override
    public boolean execute(Queue queue, Message message) {
        // the real work would read the image, scale it and store the thumbnail; it must be idempotent,
        // since a job may run twice (a worker killed after the work, before the finish)
        System.out.printf("ran ResizeImageJob: %s to %d px (message %s of queue %s)%n", image, width, message.id(), queue.name());
        return true;
    }

    /** What {@code jobqueue job:list} shows. */
    @Override
    public String label() {
        return "resize " + image + " to " + width + " px";
    }
}
