package io.jobqueue.jdbc.internal;

import io.jobqueue.BackendException;
import io.jobqueue.spi.Secrets;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Turns driver errors into {@link BackendException}s that say which queue, which database (URL
 * without the password) and what to do. Every text goes through {@link Secrets#mask}, with the
 * password option and the secrets inside the URL as literals, so a driver that quotes them in its
 * own words (MariaDB's "Incorrect port value : password@host") is masked too.
 */
public final class Failures {

    private final String queueName;
    private final String configuredName;
    private final String table;
    private final String redactedUrl;
    private final Set<String> secrets;

    public Failures(String queueName, String configuredName, String table, PoolKey database) {
        this.queueName = queueName;
        this.configuredName = configuredName;
        this.table = table;
        this.redactedUrl = database.maskedUrl();
        this.secrets = database.secrets();
    }

    /** The exception for a table name that resolves to something that is not this queue's table. */
    public BackendException notAQueueTable(TableGuard.NotAQueueTableException e) {
        return new BackendException("table '" + table + "' at " + redactedUrl + " cannot be the table of queue '"
                + queueName + "': " + e.getMessage() + "; a queue reads, changes and deletes only its own table, so"
                + " nothing was done; give queue '" + configuredName + "' another tableName", queueName, null);
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
        return new BackendException(text, queueName, Secrets.mask(e, secrets));
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
        return Secrets.mask(text, secrets);
    }
}
