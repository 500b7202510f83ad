package io.jobqueue.jdbc.internal;

import io.jobqueue.BackendException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns driver errors into {@link BackendException}s that say which queue, which database (URL
 * without the password) and what to do. The password is also scrubbed from the driver's text, in
 * case a driver quotes it.
 */
public final class Failures {

    private final String queueName;
    private final String configuredName;
    private final String table;
    private final String redactedUrl;
    private final String password;

    public Failures(String queueName, String configuredName, String table, String url, String password) {
        this.queueName = queueName;
        this.configuredName = configuredName;
        this.table = table;
        this.redactedUrl = Urls.redact(url);
        this.password = password;
    }

    /** The exception for a failed operation; {@code operation} is a verb phrase such as "reserve a message". */
    public BackendException wrap(String operation, SQLException e, Dialect dialect) {
        String detail = scrub(rootMessage(e));
        String text;
        if (dialect.isMissingTable(e)) {
            text = "queue table '" + table + "' does not exist for queue '" + queueName + "' at " + redactedUrl
                    + "; run `jobqueue queue:setup " + configuredName + "` to create it";
        } else if (isConnectionProblem(e)) {
            text = "cannot " + operation + " on queue '" + queueName + "': the database at " + redactedUrl
                    + " cannot be reached (" + detail + "); check that the server is running and that the options"
                    + " url, username and password are right; the connection pool reconnects on the next call";
        } else {
            text = "cannot " + operation + " on queue '" + queueName + "' (table '" + table + "' at " + redactedUrl
                    + "): " + detail;
        }
        return new BackendException(text, queueName, e);
    }

    /** Whether the error means the connection is missing or broke, rather than that a statement failed. */
    static boolean isConnectionProblem(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof EOFException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The driver's own words: the message of the innermost SQLException (pools wrap the driver's). */
    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private String scrub(String text) {
        String clean = Urls.redact(text);
        return password == null || password.isEmpty() ? clean : clean.replace(password, "***");
    }
}
