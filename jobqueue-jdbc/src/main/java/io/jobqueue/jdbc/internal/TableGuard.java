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
 * Makes sure a queue touches only its own table: before the first statement of a queue instance,
 * and before every statement that deletes, the table name must resolve to a plain table in an
 * application schema whose columns are exactly the queue schema's. A table of the application
 * (say {@code app_users}), a view or a system catalog is refused, naming the table and what is wrong,
 * before anything is read or changed. Thread-safe; the first successful check is remembered.
 */
public final class TableGuard {

    /** Every column a queue table has; a table with any other column was not created by a queue. */
    static final List<String> COLUMNS = List.of("id", "payload", "state", "priority", "releases", "due_at",
            "locked_until", "reason", "created_at", "failed_at");

    private final Dialect dialect;
    private final Sql sql;
    private volatile boolean verified;

    public TableGuard(Dialect dialect, Sql sql) {
        this.dialect = dialect;
        this.sql = sql;
    }

    /** Whether a check already passed on this instance. */
    public boolean verified() {
        return verified;
    }

    /**
     * Checks the table on the connection.
     *
     * @return the relation when it is the queue's own table, or {@link Relation#MISSING}
     * @throws NotAQueueTableException when the name resolves to something that is not a queue table
     */
    public Relation check(Connection connection) throws SQLException {
        Relation relation = dialect.relation(connection, sql.tableName());
        if (!relation.exists()) {
            return relation;
        }
        if (relation.problem() != null) {
            throw new NotAQueueTableException(relation.problem());
        }
        String problem = columnProblem(columns(connection));
        if (problem != null) {
            throw new NotAQueueTableException(problem);
        }
        verified = true;
        return relation;
    }

    private List<String> columns(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM " + sql.table() + " WHERE 1 = 0");
                ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** What keeps these columns from being a queue table's; null when they are exactly the queue schema's. */
    static String columnProblem(List<String> columns) {
        List<String> missing = COLUMNS.stream().filter(c -> !columns.contains(c)).toList();
        List<String> extra = columns.stream().filter(c -> !COLUMNS.contains(c)).distinct().toList();
        if (missing.isEmpty() && extra.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("it is not a queue table:");
        if (!missing.isEmpty()) {
            text.append(" it lacks the columns ").append(String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            text.append(missing.isEmpty() ? "" : " and").append(" it has columns a queue table does not (")
                    .append(String.join(", ", extra.stream().limit(8).toList())).append(extra.size() > 8 ? ", …" : "")
                    .append(")");
        }
        return text.toString();
    }

    /** The table name resolves to something that is not this queue's table; the message says what. */
    public static final class NotAQueueTableException extends SQLException {
        private static final long serialVersionUID = 1L;

        NotAQueueTableException(String problem) {
            super(problem);
        }
    }
}
