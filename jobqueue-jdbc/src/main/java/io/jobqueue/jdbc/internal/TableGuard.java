package io.jobqueue.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Makes sure a queue touches only its own table: before the first statement of a queue instance,
 * and before every statement that deletes, the table name must resolve to a plain table in an
 * application schema whose columns are exactly the queue schema's. A table of the application
 * (say {@code app_users}), a view or a system catalog is refused, naming the table and what is wrong,
 * before anything is read or changed. A table with exactly the columns of the previous version is
 * reported as {@link Shape#PREVIOUS}, and one of a 0.2 snapshot before concurrency keys (all but {@code concurrency_key}) as
 * {@link Shape#WITHOUT_CONCURRENCY_KEY}, for the {@link SchemaUpgrade} and nothing else.
 * Thread-safe; the first check that finds the current schema is remembered.
 */
public final class TableGuard {

    /** Every column a queue table of the previous version (0.1) has. */
    static final List<String> PREVIOUS_COLUMNS = List.of("id", "payload", "state", "priority", "releases", "due_at",
            "locked_until", "reason", "created_at", "failed_at");

    /** The columns 0.2 added to the previous version's. */
    static final List<String> ADDED_COLUMNS = List.of("headers", "deliveries", "epoch");

    /** The columns of a queue table of a 0.2 snapshot before concurrency keys. */
    static final List<String> V02_COLUMNS = Stream.concat(PREVIOUS_COLUMNS.stream(), ADDED_COLUMNS.stream()).toList();

    /** The column concurrency keys added: a message's concurrency key, null when it has none. */
    static final String CONCURRENCY_KEY = "concurrency_key";

    /** Every column a queue table has; a table with any other column was not created by a queue. */
    static final List<String> COLUMNS = Stream.concat(V02_COLUMNS.stream(), Stream.of(CONCURRENCY_KEY)).toList();

    /** What a check found. */
    public enum Shape {
        /** Nothing of that name. */
        MISSING,
        /** A queue table of this version. */
        CURRENT,
        /** A queue table of version 0.1, to be upgraded before it is used. */
        PREVIOUS,
        /** A queue table of version 0.2, without the concurrency key, to be upgraded before it is used. */
        WITHOUT_CONCURRENCY_KEY;

        /** The columns an upgrade adds to a table of this shape; empty for the current one. */
        List<String> missingColumns() {
            return switch (this) {
                case PREVIOUS -> Stream.concat(ADDED_COLUMNS.stream(), Stream.of(CONCURRENCY_KEY)).toList();
                case WITHOUT_CONCURRENCY_KEY -> List.of(CONCURRENCY_KEY);
                default -> List.of();
            };
        }
    }

    private final Dialect dialect;
    private final Sql sql;
    private volatile boolean verified;

    public TableGuard(Dialect dialect, Sql sql) {
        this.dialect = dialect;
        this.sql = sql;
    }

    /** Whether a check already found the current schema on this instance. */
    public boolean verified() {
        return verified;
    }

    /**
     * Checks the table on the connection.
     *
     * @throws NotAQueueTableException when the name resolves to something that is not a queue table
     */
    public Shape check(Connection connection) throws SQLException {
        Relation relation = dialect.relation(connection, sql.tableName());
        if (!relation.exists()) {
            return Shape.MISSING;
        }
        if (relation.problem() != null) {
            throw new NotAQueueTableException(relation.problem());
        }
        List<String> columns = columns(connection);
        if (sameColumns(columns, COLUMNS)) {
            verified = true;
            return Shape.CURRENT;
        }
        if (sameColumns(columns, V02_COLUMNS)) {
            return Shape.WITHOUT_CONCURRENCY_KEY;
        }
        if (sameColumns(columns, PREVIOUS_COLUMNS)) {
            return Shape.PREVIOUS;
        }
        throw new NotAQueueTableException(columnProblem(columns));
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

    private static boolean sameColumns(List<String> columns, List<String> expected) {
        return columns.size() == expected.size() && columns.containsAll(expected);
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

    /**
     * The table name resolves to something that is not this queue's table (or, with a {@link #sideTable},
     * not the side table of the queue's it names); the message says what.
     */
    public static final class NotAQueueTableException extends SQLException {
        private static final long serialVersionUID = 1L;

        private final String sideTable;
        private final String role;

        NotAQueueTableException(String problem) {
            this(null, null, problem);
        }

        /** For a side table of the queue ({@code role} such as "unique-key table"). */
        NotAQueueTableException(String sideTable, String role, String problem) {
            super(problem);
            this.sideTable = sideTable;
            this.role = role;
        }

        /** The side table that was refused; null when it was the queue's table. */
        public String sideTable() {
            return sideTable;
        }

        /** What the side table would have been for the queue, as "unique-key table"; null for the queue's table. */
        public String role() {
            return role;
        }
    }
}
