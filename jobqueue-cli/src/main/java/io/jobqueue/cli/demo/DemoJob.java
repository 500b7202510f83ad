package io.jobqueue.cli.demo;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The sample job of {@code jobqueue demo}: a little work (a checksum), and by its {@link Behaviour}
 * either success, a failure on its first try only (it succeeds once released), or a failure every
 * time (it ends as failed after the queue's {@code maximumNumberOfReleases}). Part of the CLI jar,
 * so {@code jobqueue job:work demo} in other processes runs it too.
 */
public final class DemoJob implements Job {

    /** What a demo job does when it runs. */
    public enum Behaviour {
        /** Succeeds. */
        SUCCEED,
        /** Fails on the first try, succeeds once released. */
        FAIL_ONCE,
        /** Fails every time, so it ends in the failed store. */
        ALWAYS_FAIL
    }

    private int number;
    private Behaviour behaviour;

    private DemoJob() {
        // for the serializer
    }

    public DemoJob(int number, Behaviour behaviour) {
        this.number = number;
        this.behaviour = behaviour;
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        switch (behaviour) {
            case FAIL_ONCE -> {
                if (message.numberOfReleases() == 0) {
                    throw new IllegalStateException("demo job #" + number + " fails on its first try (on purpose)");
                }
            }
            case ALWAYS_FAIL -> throw new IllegalStateException("demo job #" + number + " always fails (on purpose)");
            default -> {
            }
        }
        CRC32 checksum = new CRC32();
        checksum.update(("demo job #" + number).getBytes(StandardCharsets.UTF_8));
        return checksum.getValue() != -1;
    }

    @Override
    public String identifier() {
        return "demo-" + number;
    }

    @Override
    public String label() {
        return "demo job #" + number + (behaviour == Behaviour.SUCCEED ? "" : " (" + behaviour.name().toLowerCase().replace('_', ' ') + ")");
    }
}
