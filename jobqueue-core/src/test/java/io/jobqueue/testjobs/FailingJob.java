package io.jobqueue.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;

/**
 * Fails its first {@code failures} attempts (throwing, or returning false), then succeeds;
 * records each attempt's release count under its key.
 */
public final class FailingJob implements Job {

    private String key;
    private int failures;
    private boolean throwing;

    private FailingJob() {
    }

    public FailingJob(String key, int failures, boolean throwing) {
        this.key = key;
        this.failures = failures;
        this.throwing = throwing;
    }

    /** A job that never succeeds. */
    public static FailingJob always(String key) {
        return new FailingJob(key, Integer.MAX_VALUE, true);
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        int attempt = Recorder.nextAttempt(key);
        Recorder.record(key, "attempt " + attempt + " releases " + message.numberOfReleases());
        if (attempt <= failures) {
            if (throwing) {
                throw new IllegalStateException("planned failure " + attempt);
            }
            return false;
        }
        return true;
    }
}
