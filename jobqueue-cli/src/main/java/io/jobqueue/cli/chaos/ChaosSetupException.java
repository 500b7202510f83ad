package io.jobqueue.cli.chaos;

/**
 * A chaos run could not be set up: a private server would not start (its program is missing, it
 * did not answer in time) or a worker process could not be started. The message is one line for
 * the user and names what failed and where its log is.
 */
public final class ChaosSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChaosSetupException(String message) {
        super(message);
    }

    public ChaosSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
