package io.jobqueue.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SQLite 3.35+ through the xerial driver: one file shared by every process on the machine, in WAL
 * mode with a busy timeout; transactions start with {@code BEGIN IMMEDIATE}, so a claim (one
 * {@code UPDATE … RETURNING}) holds the write lock from its first step and never fails half way.
 * Times are INTEGER milliseconds since the epoch from SQLite's own clock.
 */
final class SqliteDialect implements Dialect {

    /** How long a statement waits for another process's write lock before failing. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private static final String PREFIX = "jdbc:sqlite:";
    private static final String NOW = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith(PREFIX);
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier + '"';
    }

    @Override
    public String now() {
        return NOW;
    }

    @Override
    public String nowPlusMillis() {
        return "(" + NOW + " + ?)";
    }

    /** SQLite's clock ticks in milliseconds; writes are serialized, so "latest failure + 1 ms" is exact. */
    @Override
    public String failedAt(String quotedTable) {
        return "MAX(" + NOW + ", COALESCE((SELECT MAX(failed_at) FROM " + quotedTable + " WHERE state = "
                + Sql.FAILED + "), 0) + 1)";
    }

    @Override
    public List<String> createSchema(String table) {
        String quoted = quote(table);
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + quoted + " ("
                        + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + "payload TEXT NOT NULL, "
                        + "headers TEXT, "
                        + "state INTEGER NOT NULL DEFAULT 0, "
                        + "priority INTEGER NOT NULL, "
                        + "releases INTEGER NOT NULL DEFAULT 0, "
                        + "deliveries INTEGER NOT NULL DEFAULT 0, "
                        + "epoch INTEGER NOT NULL DEFAULT 0, "
                        + "due_at INTEGER NOT NULL, "
                        + "locked_until INTEGER, "
                        + "reason TEXT, "
                        + "created_at INTEGER NOT NULL, "
                        + "failed_at INTEGER, "
                        + "concurrency_key TEXT)",
                "CREATE INDEX IF NOT EXISTS " + quote(TableNames.index(table, "claim")) + " ON " + quoted
                        + " (priority, due_at, id) WHERE state = " + Sql.READY,
                "CREATE INDEX IF NOT EXISTS " + quote(TableNames.index(table, "lease")) + " ON " + quoted
                        + " (locked_until) WHERE state = " + Sql.RESERVED,
                "CREATE INDEX IF NOT EXISTS " + quote(TableNames.index(table, "failed")) + " ON " + quoted
                        + " (failed_at, id) WHERE state = " + Sql.FAILED,
                createFinishedIndex(table));
    }

    /** SQLite adds one column per statement; the store runs them in one transaction, which holds the write lock. */
    @Override
    public List<String> upgradeSchema(String table, List<String> columns) {
        String alter = "ALTER TABLE " + quote(table) + " ADD COLUMN ";
        return columns.stream().map(c -> alter + c + " " + switch (c) {
            case "headers" -> "TEXT";
            case "deliveries" -> "INTEGER NOT NULL DEFAULT 0";
            case "epoch" -> "INTEGER NOT NULL DEFAULT 0";
            case "concurrency_key" -> "TEXT";
            default -> throw new IllegalArgumentException("no column " + c);
        }).toList();
    }

    @Override
    public int defaultPoolSize() {
        return 4;
    }

    @Override
    public void configure(HikariConfig config) {
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    }

    /**
     * Refuses an in-memory database (each pooled connection would see its own) and creates the
     * folder of the database file.
     */
    @Override
    public void prepare(String jdbcUrl) {
        String file = jdbcUrl.substring(PREFIX.length());
        int query = file.indexOf('?');
        file = query < 0 ? file : file.substring(0, query);
        if (file.isEmpty() || file.contains(":memory:") || file.contains("mode=memory")) {
            throw new IllegalArgumentException("SQLite needs a database file shared by all connections, not an"
                    + " in-memory database: give the option 'path' (for example ./var/jobqueue.db)");
        }
        Path parent = Path.of(file.startsWith("file:") ? file.substring(5) : file).toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + parent + " for the SQLite database", e);
        }
    }

    @Override
    public List<ClaimedRow> claim(Connection connection, Sql sql, int max, long leaseMillis) throws SQLException {
        String update = "UPDATE " + sql.table() + " SET " + sql.reserve() + " WHERE id IN (SELECT id FROM "
                + sql.table() + " WHERE " + sql.claimable() + " " + sql.claimOrder() + " LIMIT ?) "
                + "RETURNING " + Sql.MESSAGE_COLUMNS + ", epoch, priority, due_at";
        List<Claimed> claimed = new ArrayList<>();
        Transactions.inTransaction(connection, () -> {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                statement.setLong(1, leaseMillis);
                statement.setInt(2, max);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Claimed(Rows.claimed(rs), rs.getInt(7), rs.getLong(8)));
                    }
                }
            }
            return null;
        });
        // RETURNING gives no order; restore the claim order.
        claimed.sort(Comparator.comparingInt(Claimed::priority).thenComparingLong(Claimed::due)
                .thenComparingLong(c -> c.row().id()));
        return claimed.stream().map(Claimed::row).toList();
    }

    private record Claimed(ClaimedRow row, int priority, long due) {
    }

    @Override
    public String createWorkersTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (worker_id TEXT PRIMARY KEY, host TEXT NOT NULL,"
                + " pid INTEGER NOT NULL, queues TEXT NOT NULL, concurrency INTEGER NOT NULL, running_jobs INTEGER NOT NULL,"
                + " processed INTEGER NOT NULL, succeeded INTEGER NOT NULL, released INTEGER NOT NULL, failed INTEGER NOT NULL,"
                + " started_at INTEGER NOT NULL, last_seen INTEGER NOT NULL, expires_at INTEGER NOT NULL)";
    }

    /** {@code TEXT} compares with the BINARY collation: byte for byte. */
    @Override
    public String createUniqueTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (unique_key TEXT NOT NULL PRIMARY KEY,"
                + " message_id INTEGER NOT NULL, scope INTEGER NOT NULL, expires_at INTEGER)";
    }

    @Override
    public String createLimitsTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (id INTEGER NOT NULL PRIMARY KEY,"
                + " window_start INTEGER, window_count INTEGER NOT NULL)";
    }

    /** Every transaction holds the write lock from its start (BEGIN IMMEDIATE), so reads need no lock. */
    @Override
    public String forUpdate() {
        return "";
    }

    @Override
    public String forUpdateSkipLocked() {
        return "";
    }

    @Override
    public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setLong(index, instant.toEpochMilli());
    }

    @Override
    public Instant instant(ResultSet resultSet, String column) throws SQLException {
        long millis = resultSet.getLong(column);
        return resultSet.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public Relation relation(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT type FROM sqlite_master WHERE name = ? COLLATE NOCASE AND type IN ('table', 'view')")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Relation.MISSING;
                }
                return "table".equals(rs.getString(1)) ? Relation.table("main") : Relation.foreign("it is a view, not a table");
            }
        }
    }

    @Override
    public boolean isMissingTable(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("no such table");
    }

    /** SQLITE_TOOBIG (18): a string or statement longer than the library's limit. */
    @Override
    public boolean isTooLarge(SQLException e) {
        return e.getErrorCode() == 18;
    }

    @Override
    public boolean isRetryable(SQLException e) {
        // SQLITE_BUSY (5) and SQLITE_LOCKED (6) after the busy timeout ran out.
        return e.getErrorCode() == 5 || e.getErrorCode() == 6;
    }
}
