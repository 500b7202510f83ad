package io.jobqueue.cli;

import io.jobqueue.BackendException;
import io.jobqueue.QueueNotSetUpException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a backend's failure into the line a user reads: what they tried, on which queue, where —
 * "cannot read queue 'email' at jdbc:postgresql://127.0.0.1:5432/app: connection refused" — instead
 * of the internal step that happened to fail first ("cannot recover expired reservations …"). The
 * exit code is {@link JobQueueCli#EXIT_BACKEND}; the backend's exception stays the cause, for
 * {@code --verbose}.
 */
final class BackendErrors {

    /** A backend's own "cannot <step> on queue 'x': " prefix, dropped because the CLI says what was tried. */
    private static final Pattern STEP_PREFIX = Pattern.compile("^cannot [^:']{1,60} on queue '[^']*': ");

    private BackendErrors() {
    }

    /**
     * The user's line for a failed action.
     *
     * @param action  what the user tried, as in "cannot <action> queue 'x'": "read", "set up", "work on", …
     * @param address where the queue lives ({@link DataLocation#address}), or null for the backend's default
     * @param backend the backend's name, said when there is no address
     */
    static CliException explain(String action, String queueName, String address, String backend, BackendException e) {
        String where = address != null ? " at " + address : backend != null ? " on " + backend : "";
        if (e instanceof QueueNotSetUpException notSetUp) {
            return new CliException("cannot " + action + " queue '" + queueName + "'" + where + ": it is not set up ("
                    + notSetUp.storage() + " does not exist); run 'jobqueue queue:setup " + queueName + "' to create it",
                    JobQueueCli.EXIT_BACKEND, e);
        }
        return new CliException("cannot " + action + " queue '" + queueName + "'" + where + ": " + reason(e),
                JobQueueCli.EXIT_BACKEND, e);
    }

    /** The short reason: "connection refused" and the like for a server that is not there, else the backend's words. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host" + (t.getMessage() == null ? "" : " '" + t.getMessage().split(":", 2)[0] + "'");
            }
            if (t instanceof SocketTimeoutException) {
                return "connection timed out";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String text = JobQueueCli.oneLine(e.getMessage());
        Matcher step = STEP_PREFIX.matcher(text);
        return step.find() ? text.substring(step.end()) : text;
    }
}
