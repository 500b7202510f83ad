package io.jobqueue;

/**
 * The queue's storage does not exist (a JDBC queue's table was never created, or was dropped) and
 * the backend was told not to create it on first use; {@link Queue#setUp()} or
 * {@code jobqueue queue:setup <queue>} creates it. A {@link BackendException}, so a worker waits and
 * retries as for any outage (a deployment may create the table a moment later).
 */
public class QueueNotSetUpException extends BackendException {
    private static final long serialVersionUID = 1L;

    private final String storage;

    /**
     * @param storage what is missing, for messages that rephrase this one: e.g. {@code table 'jobqueue_messages_mail'}
     */
    public QueueNotSetUpException(String message, String queueName, String storage, Throwable cause) {
        super(message, queueName, cause);
        this.storage = storage;
    }

    /** What is missing, e.g. {@code table 'jobqueue_messages_mail'}. */
    public String storage() {
        return storage;
    }
}
