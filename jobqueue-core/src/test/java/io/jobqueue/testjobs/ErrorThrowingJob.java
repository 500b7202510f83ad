package io.jobqueue.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;

/**
 * Throws an {@link Error} every time: an {@code OutOfMemoryError}, an {@code InternalError} or a
 * {@link PlannedError} of its own (thrown, not caused: the heap is not really exhausted); records
 * each attempt with the name of the thread that ran it.
 */
public final class ErrorThrowingJob implements Job {

    /** An error class of the job's own, as application code may define one. */
    public static final class PlannedError extends Error {
        public PlannedError(String message) {
            super(message);
        }
    }

    private String key;
    private String kind;
    private String text;

    private ErrorThrowingJob() {
    }

    /** @param kind {@code oom}, {@code internal} or {@code planned} */
    public ErrorThrowingJob(String key, String kind, String text) {
        this.key = key;
        this.kind = kind;
        this.text = text;
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        Recorder.record(key, kind + " on " + Thread.currentThread().getName());
        switch (kind) {
            case "oom" -> throw new OutOfMemoryError(text);
            case "internal" -> throw new InternalError(text);
            default -> throw new PlannedError(text);
        }
    }
}
