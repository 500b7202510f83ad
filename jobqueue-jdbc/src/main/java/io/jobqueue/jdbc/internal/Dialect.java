package io.jobqueue.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What differs between the databases: the clock expressions, the schema, how rows are claimed and
 * inserted, how pool connections are tuned and which errors mean what. Everything else is plain SQL
 * shared by all of them (see {@link Sql}). Implementations are stateless and thread-safe.
 */
public interface Dialect {

    /** Short name used in messages and logs, e.g. {@code postgresql}. */
    String name();

    /** Whether this dialect speaks to the database of the JDBC URL. */
    boolean accepts(String jdbcUrl);

    /** The identifier quoted for this database (identifiers are already validated as plain names). */
    String quote(String identifier);

    /** An SQL expression for the database clock. */
    String now();

    /** An SQL expression for the database clock plus a number of milliseconds bound as one {@code long} parameter. */
    String nowPlusMillis();

    /**
     * The time an abort stamps on a row: the database clock, unless two failures could share a
     * tick, in which case the dialect keeps them apart so the failed store lists them in order.
     */
    default String failedAt(String quotedTable) {
        return now();
    }

    /** The statements that create the table and its indexes; each is idempotent and none drops anything. */
    List<String> createSchema(String table);

    /** Connections to open when the {@code poolSize} option is not given. */
    int defaultPoolSize();

    /** Tunes the pool for this database (isolation, session settings). */
    default void configure(HikariConfig config) {
    }

    /** Prepares what the URL needs before the first connection (SQLite: the folder of the file). */
    default void prepare(String jdbcUrl) {
    }

    /**
     * Whether deleted rows may stay in the table unless someone vacuums it (PostgreSQL, when the
     * server's autovacuum is off); see {@link PgVacuum}.
     */
    default boolean mayNeedVacuum() {
        return false;
    }

    /** Whether a submit in another process wakes a waiting reserver without polling (PostgreSQL's NOTIFY). */
    default boolean pushWakeUp() {
        return false;
    }

    /**
     * Inserts ready rows (all with the same priority and delay) on the given connection, without
     * committing, and returns their ids in the order of the payloads. With {@code notifyOnCommit},
     * a database with push wake-ups also wakes reservers when the connection's transaction commits.
     */
    default List<Long> insert(Connection connection, Sql sql, List<String> payloads, int priority, long delayMillis,
            boolean notifyOnCommit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.insert(payloads.size()) + " RETURNING id")) {
            sql.bindInsert(statement, payloads, priority, delayMillis);
            return readIds(statement);
        }
    }

    /**
     * Claims up to {@code max} ready, due rows in one round trip where the database allows it, marks
     * them reserved until the database clock plus {@code leaseMillis}, commits, and returns them
     * ordered by priority, due time and id.
     */
    List<ClaimedRow> claim(Connection connection, Sql sql, int max, long leaseMillis) throws SQLException;

    /** Reads a timestamp column written with {@link #now()}. */
    Instant instant(ResultSet resultSet, String column) throws SQLException;

    /**
     * What the unqualified table name resolves to on this connection, as the queue's statements
     * would see it: whether it exists and, when it is not a plain table in an application schema,
     * what it is instead. Read from the database's catalog; nothing is changed.
     */
    Relation relation(Connection connection, String table) throws SQLException;

    /** Whether the error says that the table does not exist. */
    boolean isMissingTable(SQLException e);

    /** Whether the statement failed on a deadlock or serialization conflict and may simply be run again. */
    default boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("40001") || state.equals("40P01"));
    }

    /** Runs the statement and returns the ids it produced, ascending (which is the order of insertion). */
    static List<Long> readIds(PreparedStatement statement) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        Collections.sort(ids);
        return ids;
    }
}
