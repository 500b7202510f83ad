package io.jobqueue.jdbc.internal;

import io.jobqueue.BackendException;
import io.jobqueue.MessageTooLargeException;
import io.jobqueue.QueueNotSetUpException;
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
    private final boolean autoSetUp;

    /**
     * @param redactedUrl the database's URL with its secrets masked
     * @param secrets     the literal secrets of the database, masked in every text
     * @param autoSetUp   whether the queue creates a missing table on first use (option {@code autoSetUp})
     */
    public Failures(String queueName, String configuredName, String table, String redactedUrl, Set<String> secrets,
            boolean autoSetUp) {
        this.queueName = queueName;
        this.configuredName = configuredName;
        this.table = table;
        this.redactedUrl = redactedUrl;
        this.secrets = Set.copyOf(secrets);
        this.autoSetUp = autoSetUp;
    }

    /** The exception for a table name that resolves to something that is not this queue's table. */
    public BackendException notAQueueTable(TableGuard.NotAQueueTableException e) {
        if (e.sideTable() != null) {
            return new BackendException("table '" + e.sideTable() + "' at " + redactedUrl + " cannot be the " + e.role()
                    + " of queue '" + queueName + "' (table '" + table + "'): " + e.getMessage() + "; a queue reads, changes"
                    + " and deletes only what it created, so nothing was done; rename or move that table, or give queue '"
                    + configuredName + "' another tableName", queueName, null);
        }
        return new BackendException("table '" + table + "' at " + redactedUrl + " cannot be the table of queue '"
                + queueName + "': " + e.getMessage() + "; a queue reads, changes and deletes only its own table, so"
                + " nothing was done; give queue '" + configuredName + "' another tableName", queueName, null);
    }

    /**
     * The exception for a submit refused as too large, with the server's limit when known (else -1)
     * and the driver's error when the server refused it (kept as a suppressed exception, masked).
     */
    public MessageTooLargeException tooLarge(long messageBytes, long limitBytes, SQLException e) {
        String limit = limitBytes > 0 ? "the server takes statements of at most " + limitBytes + " bytes"
                : scrub(rootMessage(e));
        MessageTooLargeException tooLarge = new MessageTooLargeException("a message of " + messageBytes
                + " bytes is too large for queue '" + queueName + "' (table '" + table + "' at " + redactedUrl + "): "
                + limit + "; nothing of its batch was submitted", queueName, messageBytes, limitBytes);
        if (e != null) {
            tooLarge.addSuppressed(Secrets.mask(e, secrets));
        }
        return tooLarge;
    }

    /** The exception for a failed operation; {@code operation} is a verb phrase such as "reserve a message". */
    public BackendException wrap(String operation, SQLException e, Dialect dialect) {
        String detail = scrub(rootMessage(e));
        String text;
        if (dialect.isMissingTable(e)) {
            return new QueueNotSetUpException(missingTable(), queueName, "table '" + table + "'", Secrets.mask(e, secrets));
        } else if (isLoginRefused(e)) {
            text = "cannot " + operation + " on queue '" + queueName + "': the database at " + redactedUrl
                    + " refused the login" + refusedUser(e) + " (" + loginCode(e) + "); check the options username and"
                    + " password, and that this user may connect from this host";
        } else if (operation.startsWith("submit") && droppedWhileSending(e, dialect)) {
            // not a BackendException, so thrown rather than returned: callers throw what wrap gives anyway
            throw new MessageTooLargeException("a message is too large for queue '" + queueName + "' (table '" + table
                    + "' at " + redactedUrl + "): the server reset the connection while the submit was sent, as "
                    + dialect.name() + " does with a statement larger than its max_allowed_packet, which counts the"
                    + " message after escaping (a quote or backslash takes two bytes); nothing of its batch was"
                    + " submitted; submit less, or raise max_allowed_packet (if the server went down instead, the"
                    + " pool reconnects on the next call)", queueName, -1, -1, Secrets.mask(e, secrets));
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

    /**
     * The text for a table that does not exist: the queue, the table and both ways to create it.
     * With {@code autoSetUp} the first use created it, so someone dropped it since.
     */
    private String missingTable() {
        return "queue table '" + table + "' does not exist for queue '" + queueName + "' at " + redactedUrl
                + (autoSetUp ? " (it was dropped after this queue's first use)" : " and option autoSetUp is false")
                + "; create it with queue.setUp() in Java or `jobqueue queue:setup " + configuredName + "` on the"
                + " command line" + (autoSetUp ? "" : ", or set autoSetUp: true to create it on first use");
    }

    /**
     * Whether the server refused the login (SQLSTATE class 28: a wrong user or password, or a user not
     * allowed from this host), here or in a cause: retrying does not help, the settings are wrong.
     */
    static boolean isLoginRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLInvalidAuthorizationSpecException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("28")) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern USER = java.util.regex.Pattern.compile("user \"?'?([^'\"\s@]+)");

    /** " of user 'app'" as the driver names it, or "" (the user is no secret; the host part is left out). */
    private static String refusedUser(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                java.util.regex.Matcher m = USER.matcher(t.getMessage());
                if (m.find()) {
                    return " of user '" + m.group(1) + "'";
                }
            }
        }
        return "";
    }

    /** "SQLSTATE 28000, error 1045" of the innermost refusal. */
    private static String loginCode(Throwable e) {
        SQLException refusal = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("28")) {
                refusal = s;
            }
        }
        if (refusal == null) {
            return "authorization refused";
        }
        return "SQLSTATE " + refusal.getSQLState() + (refusal.getErrorCode() != 0 ? ", error " + refusal.getErrorCode() : "")
                + ": wrong username or password";
    }

    /**
     * Whether a MariaDB or MySQL server reset the connection of a statement it had accepted, which is
     * what it does with a packet past {@code max_allowed_packet} that the driver's own size check let
     * through (escaping makes a statement longer than its message).
     */
    private static boolean droppedWhileSending(SQLException e, Dialect dialect) {
        if (!dialect.name().equals("mariadb") && !dialect.name().equals("mysql")) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return false; // never connected: the server is down
            }
            if (t instanceof SocketException && String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT)
                    .matches(".*(connection reset|broken pipe).*")) {
                return true;
            }
        }
        return false;
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
