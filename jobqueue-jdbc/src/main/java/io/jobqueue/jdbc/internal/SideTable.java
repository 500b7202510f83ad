package io.jobqueue.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table a queue keeps next to its own, named after it ({@code <table>__unique}, {@code <table>__limits}),
 * held to the same rules as the queue table: before its first statement of a queue instance, and again
 * before every statement that deletes from it, the name must resolve to a plain table in an
 * application schema with exactly its columns; anything else of that name is refused and left as it is.
 * It is created (only when missing, never dropped) by {@code setUp} or, with {@code autoSetUp}, by its
 * first use. Thread-safe; the first check that finds it is remembered.
 */
final class SideTable {

    private final Dialect dialect;
    private final String name;
    private final String quoted;
    private final String role;
    private final List<String> columns;
    private final List<String> create;
    private volatile boolean verified;

    /**
     * @param name    the table's name, a plain identifier (see {@link TableNames#sideTable})
     * @param role    what it is to the queue, for messages: "unique-key table"
     * @param columns every column it has, and no other
     * @param create  the idempotent statements that create it
     */
    SideTable(Dialect dialect, String name, String role, List<String> columns, List<String> create) {
        this.dialect = dialect;
        this.name = name;
        this.quoted = dialect.quote(name);
        this.role = role;
        this.columns = List.copyOf(columns);
        this.create = List.copyOf(create);
    }

    /** The unquoted name. */
    String name() {
        return name;
    }

    /** The quoted name, for statements. */
    String table() {
        return quoted;
    }

    /** Whether a check on this instance found it to be the queue's own. */
    boolean verified() {
        return verified;
    }

    /**
     * Makes sure the table exists and is the queue's own, creating it when it is missing and
     * {@code create} is true; checks only once per instance.
     *
     * @return whether it exists (false only when it is missing and {@code create} is false)
     * @throws TableGuard.NotAQueueTableException when the name resolves to something else
     */
    boolean ensure(Connection connection, boolean create) throws SQLException {
        if (verified) {
            return true;
        }
        if (check(connection)) {
            return true;
        }
        if (!create) {
            return false;
        }
        for (String statement : this.create) {
            try (PreparedStatement ps = connection.prepareStatement(statement)) {
                ps.execute();
            } catch (SQLException e) {
                // Two processes creating it at once: PostgreSQL may report a duplicate.
                if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        if (!check(connection)) {
            throw new TableGuard.NotAQueueTableException(name, role, "it was created but cannot be found");
        }
        return true;
    }

    /**
     * Looks the name up again (before a delete): true when it is the queue's own table, false when
     * nothing has that name.
     *
     * @throws TableGuard.NotAQueueTableException when the name resolves to something else
     */
    boolean check(Connection connection) throws SQLException {
        Relation relation = dialect.relation(connection, name);
        if (!relation.exists()) {
            verified = false;
            return false;
        }
        if (relation.problem() != null) {
            throw new TableGuard.NotAQueueTableException(name, role, relation.problem());
        }
        List<String> found = columns(connection);
        if (found.size() != columns.size() || !found.containsAll(columns)) {
            List<String> extra = found.stream().filter(c -> !columns.contains(c)).limit(8).toList();
            List<String> missing = columns.stream().filter(c -> !found.contains(c)).toList();
            throw new TableGuard.NotAQueueTableException(name, role, "it is not a queue's " + role + ": it has the columns "
                    + String.join(", ", found) + (missing.isEmpty() ? "" : ", without " + String.join(", ", missing))
                    + (extra.isEmpty() ? "" : ", with " + String.join(", ", extra) + " that a " + role + " does not have"));
        }
        verified = true;
        return true;
    }

    private List<String> columns(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM " + quoted + " WHERE 1 = 0");
                ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
