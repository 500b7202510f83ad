package io.jobqueue.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import io.jobqueue.spi.NewMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What differs between the databases: the clock expressions, the schema and its upgrade, how rows
 * are claimed, inserted and changed, how pool connections are tuned and which errors mean what.
 * Everything else is plain SQL shared by all of them (see {@link Sql}). Implementations are
 * stateless and thread-safe.
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
     * The epoch a claim gives a row, an SQL expression over its current {@code epoch}: it must differ
     * from every epoch the row had before, since it is the reservation's fencing token.
     */
    default String nextEpoch() {
        return "epoch + 1";
    }

    /**
     * The time an abort stamps on a row: the database clock, unless two failures could share a
     * tick, in which case the dialect keeps them apart so the failed store lists them in order.
     */
    default String failedAt(String quotedTable) {
        return now();
    }

    /** The statements that create the table and its indexes; each is idempotent and none drops anything. */
    List<String> createSchema(String table);

    /**
     * The statements that add the given columns (of {@code headers}, {@code deliveries}, {@code epoch},
     * {@code concurrency_key}) to a table of an earlier version; they run in one transaction and keep
     * every row.
     */
    List<String> upgradeSchema(String table, List<String> columns);

    /**
     * What makes a SELECT lock the rows it returns, skipping rows other transactions hold (" FOR UPDATE
     * SKIP LOCKED"); "" where writers are serialized anyway (SQLite).
     */
    default String forUpdateSkipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    /** Settings of a claim's transaction, run first inside it (PostgreSQL: no wait for the WAL flush). */
    default void beforeClaim(Connection connection) throws SQLException {
    }

    /**
     * Reserves rows that a claim's transaction already locked (or, on SQLite, holds the write lock
     * for), as {@link Sql#reserve} sets them, and returns them with their new deliveries and epochs, in
     * the given order. Binds the lease in milliseconds.
     */
    default List<ClaimedRow> reserveLocked(Connection connection, Sql sql, List<ClaimedRow> locked, long leaseMillis)
            throws SQLException {
        Map<Long, long[]> changed = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + sql.table() + " SET " + sql.reserve()
                + " WHERE id IN (" + "?, ".repeat(locked.size() - 1) + "?) RETURNING id, deliveries, epoch")) {
            ps.setLong(1, leaseMillis);
            Sql.bindIds(ps, 2, locked.stream().map(ClaimedRow::id).toList());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        List<ClaimedRow> rows = new ArrayList<>(locked.size());
        for (ClaimedRow row : locked) {
            long[] now = changed.get(row.id());
            if (now != null) {
                rows.add(new ClaimedRow(row.id(), row.payload(), row.headers(), row.releases(), (int) now[0], now[1]));
            }
        }
        return rows;
    }

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
     * Inserts ready rows on the given connection, without committing, and returns their ids in the
     * order of the messages. With {@code notifyOnCommit}, a database with push wake-ups also wakes
     * reservers when the connection's transaction commits.
     */
    default List<Long> insert(Connection connection, Sql sql, List<NewMessage> messages, boolean notifyOnCommit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.insert(messages.size()) + " RETURNING id")) {
            sql.bindInsert(statement, messages);
            return readIds(statement);
        }
    }

    /** Whether {@link #insert} sends all its rows in one statement (else the store wraps a batch in a transaction). */
    default boolean insertsBatchInOneStatement() {
        return true;
    }

    /**
     * Claims up to {@code max} ready, due rows in one round trip where the database allows it, marks
     * them reserved until the database clock plus {@code leaseMillis} with one more delivery and a
     * new epoch, commits, and returns them ordered by priority, due time and id.
     */
    List<ClaimedRow> claim(Connection connection, Sql sql, int max, long leaseMillis) throws SQLException;

    /**
     * Changes the rows of the reservations that are still held (see {@link Sql#held}): deletes them
     * when {@code set} is null, else updates them with that SET list, whose parameters
     * {@code bindSet} binds. Returns the ids changed.
     */
    default List<Long> changeHeld(Connection connection, Sql sql, List<Reservation> reservations, String set,
            Sql.Binder bindSet) throws SQLException {
        String statementSql = (set == null ? "DELETE FROM " + sql.table() : "UPDATE " + sql.table() + " SET " + set)
                + " WHERE " + sql.held(reservations.size()) + " RETURNING id";
        try (PreparedStatement statement = connection.prepareStatement(statementSql)) {
            Sql.bindHeld(statement, bindSet.bind(statement, 1), reservations);
            return readIds(statement);
        }
    }

    /**
     * The statement that creates the workers table ({@link WorkersTable}) if it is missing: the
     * columns of {@link WorkersTable#COLUMNS}, {@code worker_id} the primary key, times in the type of
     * the queue table's.
     */
    String createWorkersTable(String table);

    /**
     * What follows {@code INSERT INTO … VALUES (…)} so that a row whose key exists gets the new values
     * of {@code columns} instead (PostgreSQL and SQLite: {@code ON CONFLICT … DO UPDATE}).
     */
    default String onConflictUpdate(String key, List<String> columns) {
        StringBuilder set = new StringBuilder(" ON CONFLICT (" + key + ") DO UPDATE SET ");
        for (int i = 0; i < columns.size(); i++) {
            set.append(i == 0 ? "" : ", ").append(columns.get(i)).append(" = EXCLUDED.").append(columns.get(i));
        }
        return set.toString();
    }

    /**
     * The statement that creates the index pruning finished rows needs, if missing ("" when the
     * table's other indexes serve it); run by {@link #createSchema} and before the first prune.
     */
    default String createFinishedIndex(String table) {
        return "CREATE INDEX IF NOT EXISTS " + quote(TableNames.index(table, "finished")) + " ON " + quote(table)
                + " (failed_at, id) WHERE state = " + Sql.FINISHED;
    }

    /** Deletes at most {@code limit} (bound as the last parameter) rows of the table matching the condition. */
    default String deleteLimited(String quotedTable, String key, String condition) {
        return "DELETE FROM " + quotedTable + " WHERE " + key + " IN (SELECT " + key + " FROM " + quotedTable + " WHERE "
                + condition + " LIMIT ?)";
    }

    /**
     * The statement that creates a queue's unique-key table ({@link UniqueKeys#COLUMNS}) if it is
     * missing: {@code unique_key} its primary key, compared byte for byte (so {@code a} and {@code A},
     * or a trailing space, differ), holding {@link io.jobqueue.spi.Headers#MAX_KEY_LENGTH} characters of
     * any script.
     */
    String createUniqueTable(String table);

    /**
     * The statement that creates a queue's limits table ({@link ReserveLimiter#COLUMNS}) if it is
     * missing: one row per queue table, {@code id} its primary key.
     */
    String createLimitsTable(String table);

    /**
     * An insert of one row that leaves an existing row of the same {@code key} as it is (and, where a
     * duplicate would otherwise take a shared lock, locks it for update, so that two waiters never
     * deadlock upgrading their locks).
     */
    default String insertOrKeep(String quotedTable, String columns, String values, String key) {
        return "INSERT INTO " + quotedTable + " (" + columns + ") VALUES (" + values + ") ON CONFLICT (" + key + ") DO NOTHING";
    }

    /** What makes a SELECT lock the rows it reads until the commit; "" where writers are serialized anyway (SQLite). */
    default String forUpdate() {
        return " FOR UPDATE";
    }

    /** Binds a unique or concurrency key to a column made for it (exact, byte for byte). */
    default void bindKey(PreparedStatement statement, int index, String key) throws SQLException {
        statement.setString(index, key);
    }

    /** Reads a column written with {@link #bindKey}; null stays null. */
    default String readKey(ResultSet resultSet, int column) throws SQLException {
        return resultSet.getString(column);
    }

    /**
     * Runs the work in one transaction that reads the latest committed rows (PostgreSQL and MariaDB: READ
     * COMMITTED, whatever the DataSource's isolation) and commits it; rolls back when it fails.
     */
    default <T> T inTransaction(Connection connection, Transactions.Work<T> work) throws SQLException {
        return Transactions.inTransaction(connection, work);
    }

    /** Binds a time from this JVM to a column of the type {@link #instant} reads. */
    void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

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

    /** Whether the error says that a statement was larger than the server accepts. */
    boolean isTooLarge(SQLException e);

    /**
     * The largest statement the server takes in bytes, for a server that drops the connection
     * instead of saying a statement is too large (the store checks submits against it before
     * sending them); -1 (the default) when there is no such limit.
     */
    default long statementLimit(Connection connection) throws SQLException {
        return -1;
    }

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
