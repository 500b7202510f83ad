package io.jobqueue;

/**
 * A job failed (returned false or threw) and its message was released or aborted. The worker logs
 * it and goes on. The cause is what the job threw, if anything.
 */
public class JobExecutionException extends JobQueueException {
    private static final long serialVersionUID = 1L;


    private final boolean released;

    public JobExecutionException(String message, String queueName, String messageId, boolean released, Throwable cause) {
        super(message, queueName, messageId, cause);
        this.released = released;
    }

    /**
     * The failure of a message's job in the original's words: {@code Job execution for job (message:
     * "42", queue: "email") failed (1/4 trials) - RELEASE}.
     *
     * @param maximumReleases the queue's {@code maximumNumberOfReleases}
     */
    public static JobExecutionException of(String queueName, Message message, int maximumReleases, boolean released,
            Throwable cause) {
        String text = "Job execution for job (message: \"" + message.id() + "\", queue: \"" + queueName + "\") failed ("
                + (message.numberOfReleases() + 1) + "/" + (maximumReleases + 1) + " trials) - "
                + (released ? "RELEASE" : "ABORTING");
        return new JobExecutionException(text, queueName, message.id(), released, cause);
    }

    /** True when the message was released for another try, false when it was aborted. */
    public boolean released() {
        return released;
    }
}
