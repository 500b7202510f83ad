package io.jobqueue.cli.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;

/** Throws every time, so its message ends as failed. */
public final class FailingJob implements Job {

    private String why;

    private FailingJob() {
    }

    public FailingJob(String why) {
        this.why = why;
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        throw new IllegalStateException(why);
    }
}
