package io.jobqueue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes down every event as one line, e.g. "released 3 delay=PT2S cause=boom". */
final class RecordingJobListener implements JobListener {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void messageSubmitted(Queue queue, String messageId, String payload, SubmitOptions options) {
        events.add("submitted " + messageId + " priority=" + options.priority());
    }

    @Override
    public void messageTimeout(Queue queue) {
        events.add("timeout " + queue.name());
    }

    @Override
    public void messageReserved(Queue queue, Message message) {
        events.add("reserved " + message.id() + " releases=" + message.numberOfReleases());
    }

    @Override
    public void messageFinished(Queue queue, Message message) {
        events.add("finished " + message.id());
    }

    @Override
    public void messageReleased(Queue queue, Message message, ReleaseOptions releaseOptions, Throwable cause) {
        events.add("released " + message.id() + " delay=" + releaseOptions.delay() + " cause=" + cause.getMessage());
    }

    @Override
    public void messageFailed(Queue queue, Message message, Throwable cause) {
        events.add("failed " + message.id() + " cause=" + cause.getMessage());
    }
}
