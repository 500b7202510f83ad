package io.jobqueue;

/**
 * How a job failed in its isolated child JVM ({@code executeIsolated: true}): it threw there, or
 * the child ended without an answer (the job called {@code System.exit}, the child crashed or was
 * killed). The message text is the failure reason kept with the message: the class and message of
 * what the job threw ({@code OutOfMemoryError: Java heap space}), or
 * {@code isolated child exited with code 0 without an answer} followed by the end of the child's
 * output when it was captured. The throwable itself stays in the child; only its class name and
 * message come back.
 */
public class IsolatedJobException extends JobQueueException {
    private static final long serialVersionUID = 1L;


    private final String throwableClass;
    private final int exitCode;

    public IsolatedJobException(String message, String queueName, String messageId, String throwableClass, int exitCode) {
        super(message, queueName, messageId, null);
        this.throwableClass = throwableClass;
        this.exitCode = exitCode;
    }

    /** The full class name of what the job threw in the child, or null when the child gave no answer. */
    public String throwableClass() {
        return throwableClass;
    }

    /** The child's exit code. */
    public int exitCode() {
        return exitCode;
    }
}
