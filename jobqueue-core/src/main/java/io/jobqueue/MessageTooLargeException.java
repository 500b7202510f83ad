package io.jobqueue;

/**
 * A message is larger than the backend (or its server's configuration) accepts; the message names
 * the queue, the size and the limit. Nothing of the batch it belonged to was submitted.
 */
public final class MessageTooLargeException extends JobQueueException {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /**
     * @param message   the whole text, naming the queue, the size and the limit
     * @param size      the message's size in bytes
     * @param limit     the limit it broke in bytes, or -1 when the server did not say
     */
    public MessageTooLargeException(String message, String queueName, long size, long limit) {
        this(message, queueName, size, limit, null);
    }

    /** The same, with the server's error (masked of secrets) as the cause. */
    public MessageTooLargeException(String message, String queueName, long size, long limit, Throwable cause) {
        super(message, queueName, null, cause);
        this.size = size;
        this.limit = limit;
    }

    /** The message's size in bytes, as the backend counts it. */
    public long size() {
        return size;
    }

    /** The largest size accepted, or -1 when not known. */
    public long limit() {
        return limit;
    }
}
