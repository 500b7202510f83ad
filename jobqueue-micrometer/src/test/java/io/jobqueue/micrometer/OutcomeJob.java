package io.jobqueue.micrometer;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;

/** Succeeds or fails (returns false) as it was told when queued. */
public final class OutcomeJob implements Job {

    private boolean succeed;

    private OutcomeJob() {
    }

    private OutcomeJob(boolean succeed) {
        this.succeed = succeed;
    }

    public static OutcomeJob succeeding() {
        return new OutcomeJob(true);
    }

    public static OutcomeJob failing() {
        return new OutcomeJob(false);
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        return succeed;
    }
}
