package io.jobqueue.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MariaDB 10.6+: claims with {@code SELECT … FOR UPDATE SKIP LOCKED} and an {@code UPDATE} of the
 * claimed ids in one READ COMMITTED transaction (no gap locks, so submits never wait for a claim),
 * finishes and releases the same way (MariaDB has no {@code UPDATE … RETURNING}), and
 * {@code INSERT … RETURNING} for batch submits. Times are UTC {@code DATETIME(6)} values from
 * {@code UTC_TIMESTAMP(6)}, so sessions with different time zones agree.
 */
class MariaDbDialect implements Dialect {

    /** The server's own schemas; a queue never keeps a table there. */
    private static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "information_schema", "performance_schema", "sys");

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mariadb:");
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier + '`';
    }

    @Override
    public String now() {
        return "UTC_TIMESTAMP(6)";
    }

    @Override
    public String nowPlusMillis() {
        return "(UTC_TIMESTAMP(6) + INTERVAL (? * 1000) MICROSECOND)";
    }

    @Override
    public List<String> createSchema(String table) {
        // Indexes live inside CREATE TABLE: MySQL has no CREATE INDEX IF NOT EXISTS.
        return List.of("CREATE TABLE IF NOT EXISTS " + quote(table) + " ("
                + "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                + "payload LONGTEXT NOT NULL, "
                + "headers MEDIUMTEXT NULL, "
                + "state TINYINT NOT NULL DEFAULT 0, "
                + "priority INT NOT NULL, "
                + "releases INT NOT NULL DEFAULT 0, "
                + "deliveries INT NOT NULL DEFAULT 0, "
                + "epoch BIGINT NOT NULL DEFAULT 0, "
                + "due_at DATETIME(6) NOT NULL, "
                + "locked_until DATETIME(6) NULL, "
                + "reason MEDIUMTEXT NULL, "
                + "created_at DATETIME(6) NOT NULL, "
                + "failed_at DATETIME(6) NULL, "
                + "concurrency_key VARBINARY(800) NULL, "
                + "KEY " + quote(TableNames.index(table, "claim")) + " (state, priority, due_at, id), "
                + "KEY " + quote(TableNames.index(table, "lease")) + " (state, locked_until), "
                + "KEY " + quote(TableNames.index(table, "failed")) + " (state, failed_at, id)"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
    }

    /** One ALTER, so the table gets all the columns or none (MariaDB's DDL does not run inside a transaction). */
    @Override
    public List<String> upgradeSchema(String table, List<String> columns) {
        return List.of("ALTER TABLE " + quote(table) + " " + String.join(", ", columns.stream()
                .map(c -> "ADD COLUMN " + ifNotExists() + c + " " + columnDefinition(c)).toList()));
    }

    /** What an ADD COLUMN says between the two words and the name ("IF NOT EXISTS " on MariaDB). */
    String ifNotExists() {
        return "IF NOT EXISTS ";
    }

    /** The type and default of a column an upgrade adds. */
    static String columnDefinition(String column) {
        return switch (column) {
            case "headers" -> "MEDIUMTEXT NULL";
            case "deliveries" -> "INT NOT NULL DEFAULT 0";
            case "epoch" -> "BIGINT NOT NULL DEFAULT 0";
            case "concurrency_key" -> "VARBINARY(800) NULL";
            default -> throw new IllegalArgumentException("no column " + column);
        };
    }

    @Override
    public int defaultPoolSize() {
        return 10;
    }

    @Override
    public void configure(HikariConfig config) {
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    }

    @Override
    public List<ClaimedRow> claim(Connection connection, Sql sql, int max, long leaseMillis) throws SQLException {
        return inTransaction(connection, () -> {
            List<ClaimedRow> locked = lockClaimable(connection, sql, max);
            if (locked.isEmpty()) {
                return locked;
            }
            update(connection, "UPDATE " + sql.table() + " SET " + sql.reserve(), locked.stream().map(ClaimedRow::id).toList(),
                    (statement, index) -> {
                        statement.setLong(index, leaseMillis);
                        return index + 1;
                    });
            // The rows stay locked until the commit, so what the UPDATE wrote is known: nextEpoch() is epoch + 1.
            return locked.stream().map(r -> new ClaimedRow(r.id(), r.payload(), r.headers(), r.releases(),
                    r.deliveries() + 1, r.epoch() + 1)).toList();
        });
    }

    private static List<ClaimedRow> lockClaimable(Connection connection, Sql sql, int max) throws SQLException {
        String select = "SELECT " + Sql.MESSAGE_COLUMNS + ", epoch FROM " + sql.table() + " WHERE "
                + sql.claimable() + " " + sql.claimOrder() + " LIMIT ? FOR UPDATE SKIP LOCKED";
        List<ClaimedRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setInt(1, max);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(Rows.claimed(rs));
                }
            }
        }
        return rows;
    }

    /** MariaDB and MySQL have no {@code UPDATE … RETURNING}: the held rows are locked first, then changed. */
    @Override
    public List<Long> changeHeld(Connection connection, Sql sql, List<Reservation> reservations, String set,
            Sql.Binder bindSet) throws SQLException {
        return inTransaction(connection, () -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id FROM " + sql.table() + " WHERE " + sql.held(reservations.size()) + " FOR UPDATE")) {
                Sql.bindHeld(statement, 1, reservations);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (!ids.isEmpty()) {
                update(connection, set == null ? "DELETE FROM " + sql.table() : "UPDATE " + sql.table() + " SET " + set,
                        ids, bindSet);
            }
            return ids;
        });
    }

    /** Runs {@code statement WHERE id IN (ids)}, binding the SET list first. */
    private static void update(Connection connection, String statement, List<Long> ids, Sql.Binder bindSet)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement + " WHERE id IN ("
                + "?, ".repeat(ids.size() - 1) + "?)")) {
            Sql.bindIds(ps, bindSet.bind(ps, 1), ids);
            ps.executeUpdate();
        }
    }

    /**
     * Runs the work in one READ COMMITTED transaction on the connection and commits it (the pool is
     * READ COMMITTED already; an application's DataSource may not be), then restores the isolation.
     */
    @Override
    public <T> T inTransaction(Connection connection, Transactions.Work<T> work) throws SQLException {
        return Transactions.inReadCommitted(connection, work);
    }

    /** No {@code UPDATE … RETURNING}: the rows are locked, so what the UPDATE writes is known ({@link #nextEpoch} is epoch + 1). */
    @Override
    public List<ClaimedRow> reserveLocked(Connection connection, Sql sql, List<ClaimedRow> locked, long leaseMillis)
            throws SQLException {
        update(connection, "UPDATE " + sql.table() + " SET " + sql.reserve(), locked.stream().map(ClaimedRow::id).toList(),
                (statement, index) -> {
                    statement.setLong(index, leaseMillis);
                    return index + 1;
                });
        return locked.stream().map(r -> new ClaimedRow(r.id(), r.payload(), r.headers(), r.releases(), r.deliveries() + 1,
                r.epoch() + 1)).toList();
    }

    @Override
    public String createWorkersTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (worker_id VARCHAR(200) NOT NULL PRIMARY KEY,"
                + " host VARCHAR(255) NOT NULL, pid BIGINT NOT NULL, queues MEDIUMTEXT NOT NULL, concurrency INT NOT NULL,"
                + " running_jobs INT NOT NULL, processed BIGINT NOT NULL, succeeded BIGINT NOT NULL, released BIGINT NOT NULL,"
                + " failed BIGINT NOT NULL, started_at DATETIME(6) NOT NULL, last_seen DATETIME(6) NOT NULL,"
                + " expires_at DATETIME(6) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    /**
     * Keys as {@code VARBINARY(800)}, the UTF-8 bytes of up to 200 characters: compared byte for byte
     * (the {@code _bin} collations pad spaces) and within InnoDB's 3072-byte index limit.
     */
    @Override
    public String createUniqueTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (unique_key VARBINARY(800) NOT NULL PRIMARY KEY,"
                + " message_id BIGINT NOT NULL, scope TINYINT NOT NULL, expires_at DATETIME(6) NULL) ENGINE=InnoDB";
    }

    @Override
    public String createLimitsTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (id INT NOT NULL PRIMARY KEY,"
                + " window_start DATETIME(6) NULL, window_count BIGINT NOT NULL) ENGINE=InnoDB";
    }

    /**
     * {@code ON DUPLICATE KEY UPDATE}, not {@code INSERT IGNORE}: a duplicate then takes the row's
     * exclusive lock at once, where {@code IGNORE} would take a shared one, and two waiters upgrading
     * theirs for the same key would deadlock.
     */
    @Override
    public String insertOrKeep(String quotedTable, String columns, String values, String key) {
        return "INSERT INTO " + quotedTable + " (" + columns + ") VALUES (" + values + ") ON DUPLICATE KEY UPDATE " + key
                + " = " + key;
    }

    @Override
    public void bindKey(PreparedStatement statement, int index, String key) throws SQLException {
        if (key == null) {
            statement.setNull(index, java.sql.Types.VARBINARY);
        } else {
            statement.setBytes(index, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Override
    public String readKey(ResultSet resultSet, int column) throws SQLException {
        byte[] bytes = resultSet.getBytes(column);
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code ON DUPLICATE KEY UPDATE c = VALUES(c)}: MariaDB has no {@code ON CONFLICT}. */
    @Override
    public String onConflictUpdate(String key, List<String> columns) {
        StringBuilder set = new StringBuilder(" ON DUPLICATE KEY UPDATE ");
        for (int i = 0; i < columns.size(); i++) {
            set.append(i == 0 ? "" : ", ").append(columns.get(i)).append(" = VALUES(").append(columns.get(i)).append(')');
        }
        return set.toString();
    }

    /** The key {@code (state, failed_at, id)} serves finished rows too. */
    @Override
    public String createFinishedIndex(String table) {
        return "";
    }

        /** {@code DELETE … LIMIT}: MySQL takes no LIMIT in an IN subquery. */
    @Override
    public String deleteLimited(String quotedTable, String key, String condition) {
        return "DELETE FROM " + quotedTable + " WHERE " + condition + " LIMIT ?";
    }

    @Override
    public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public Instant instant(ResultSet resultSet, String column) throws SQLException {
        LocalDateTime value = resultSet.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @Override
    public Relation relation(Connection connection, String table) throws SQLException {
        String database;
        try (PreparedStatement ps = connection.prepareStatement("SELECT DATABASE()"); ResultSet rs = ps.executeQuery()) {
            database = rs.next() ? rs.getString(1) : null;
        }
        if (database == null) {
            return Relation.foreign("the URL names no database, so the name resolves nowhere; add the database to the url");
        }
        if (SYSTEM_DATABASES.contains(database.toLowerCase(Locale.ROOT))) {
            return Relation.foreign("the URL's database is '" + database + "', the server's own catalog");
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Relation.MISSING;
                }
                String type = rs.getString(1);
                return "BASE TABLE".equals(type) ? Relation.table(database)
                        : Relation.foreign("it is a " + type.toLowerCase(Locale.ROOT) + " in database " + database + ", not a table");
            }
        }
    }

    @Override
    public boolean isMissingTable(SQLException e) {
        return "42S02".equals(e.getSQLState()) || e.getErrorCode() == 1146;
    }

    /**
     * 1153 / 1301: a packet or value larger than {@code max_allowed_packet}. Mostly the server drops
     * the connection instead, so submits are checked against {@link #statementLimit} first.
     */
    @Override
    public boolean isTooLarge(SQLException e) {
        return e.getErrorCode() == 1153 || e.getErrorCode() == 1301 || String.valueOf(e.getMessage()).contains("max_allowed_packet");
    }

    @Override
    public long statementLimit(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT @@max_allowed_packet"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    @Override
    public boolean isRetryable(SQLException e) {
        // 1213: deadlock found; 1205: lock wait timeout exceeded.
        return Dialect.super.isRetryable(e) || e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
    }
}
