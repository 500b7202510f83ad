package io.jobqueue;

/**
 * A job that cannot travel as a payload, refused by {@link JobManager#queue} and
 * {@link JobManager#queueAll} before anything is submitted: writing it failed, or a worker would
 * refuse to read the payload it makes — a string, number or name past the reader's limits, a
 * payload longer than {@link JobSerializer#MAX_PAYLOAD_LENGTH}, nesting deeper than
 * {@link JobSerializer#MAX_NESTING_DEPTH}, or a field whose type cannot be read back (a
 * {@code Thread}, a {@code ClassLoader}, a stream, a socket, …). The message is one line naming
 * the job class and, where it is known, the field.
 */
public class JobSerializationException extends JobQueueException {
    private static final long serialVersionUID = 1L;


    private final String jobClass;
    private final String field;

    public JobSerializationException(String message, String jobClass, String field, Throwable cause) {
        super(message, cause);
        this.jobClass = jobClass;
        this.field = field;
    }

    /** The full name of the job's class. */
    public String jobClass() {
        return jobClass;
    }

    /** The path of the field concerned, e.g. {@code report.pages[2]}, or null when it is not known. */
    public String field() {
        return field;
    }
}
