package io.jobqueue.cli.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;

/** Prints a line, then calls {@code System.exit} with its code: only ever run it isolated. */
public final class ExitingJob implements Job {

    private int code;

    private ExitingJob() {
    }

    public ExitingJob(int code) {
        this.code = code;
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        System.out.println("exiting with " + code + " on purpose");
        System.exit(code);
        return true;
    }
}
