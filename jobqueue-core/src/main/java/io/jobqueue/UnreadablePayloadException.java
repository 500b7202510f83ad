package io.jobqueue;

/**
 * A payload that cannot become a job: not JSON, no job type, a type that is not on the class path
 * or does not implement {@link Job}, or fields that do not fit. The message is aborted with this
 * reason (kept as failed), never lost and never allowed to stop the worker.
 */
public class UnreadablePayloadException extends JobQueueException {
    private static final long serialVersionUID = 1L;


    public UnreadablePayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
