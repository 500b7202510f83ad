package io.jobqueue.cli;

/**
 * A command refuses or fails with one line for the user and an exit code (default 1). Printed as
 * {@code Error: <message>} on stderr; the stack trace only with {@code --verbose}.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;


    private final int exitCode;

    CliException(String message) {
        this(message, JobQueueCli.EXIT_ERROR, null);
    }

    CliException(String message, Throwable cause) {
        this(message, JobQueueCli.EXIT_ERROR, cause);
    }

    CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
