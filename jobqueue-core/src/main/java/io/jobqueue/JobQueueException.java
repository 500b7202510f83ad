package io.jobqueue;

/**
 * The root of every exception this library throws. Carries the queue name and, where there is
 * one, the message id; both also appear in the message text.
 */
public class JobQueueException extends RuntimeException {
    private static final long serialVersionUID = 1L;


    private final String queueName;
    private final String messageId;

    public JobQueueException(String message) {
        this(message, null, null, null);
    }

    public JobQueueException(String message, Throwable cause) {
        this(message, null, null, cause);
    }

    public JobQueueException(String message, String queueName, String messageId, Throwable cause) {
        super(message, cause);
        this.queueName = queueName;
        this.messageId = messageId;
    }

    /** The queue concerned, or null. */
    public String queueName() {
        return queueName;
    }

    /** The message concerned, or null. */
    public String messageId() {
        return messageId;
    }
}
