package io.jobqueue;

/**
 * A backend could not be reached or answered with an error (a refused or lost connection, a missing
 * table). The worker retries these with backoff; the message names the queue and what to do.
 */
public class BackendException extends JobQueueException {
    private static final long serialVersionUID = 1L;


    public BackendException(String message, String queueName, Throwable cause) {
        super(message, queueName, null, cause);
    }
}
