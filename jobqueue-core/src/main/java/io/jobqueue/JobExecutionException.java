package io.jobqueue;

/**
 * A job failed (returned false or threw) and its message was released or aborted. The worker logs
 * it and goes on. The cause is what the job threw, if anything.
 */
public class JobExecutionException extends JobQueueException {

    private final boolean released;

    public JobExecutionException(String message, String queueName, String messageId, boolean released, Throwable cause) {
        super(message, queueName, messageId, cause);
        this.released = released;
    }

    /** True when the message was released for another try, false when it was aborted. */
    public boolean released() {
        return released;
    }
}
