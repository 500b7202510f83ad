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
 * and {@code INSERT … RETURNING} for batch submits. Times are UTC {@code DATETIME(6)} values from
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
                + "state TINYINT NOT NULL DEFAULT 0, "
                + "priority INT NOT NULL, "
                + "releases INT NOT NULL DEFAULT 0, "
                + "due_at DATETIME(6) NOT NULL, "
                + "locked_until DATETIME(6) NULL, "
                + "reason MEDIUMTEXT NULL, "
                + "created_at DATETIME(6) NOT NULL, "
                + "failed_at DATETIME(6) NULL, "
                + "KEY " + quote(TableNames.index(table, "claim")) + " (state, priority, due_at, id), "
                + "KEY " + quote(TableNames.index(table, "lease")) + " (state, locked_until), "
                + "KEY " + quote(TableNames.index(table, "failed")) + " (state, failed_at, id)"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
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
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<ClaimedRow> rows = lockClaimable(connection, sql, max);
            if (!rows.isEmpty()) {
                markReserved(connection, sql, rows, leaseMillis);
            }
            connection.commit();
            return rows;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static List<ClaimedRow> lockClaimable(Connection connection, Sql sql, int max) throws SQLException {
        String select = "SELECT id, payload, releases FROM " + sql.table() + " WHERE "
                + sql.claimable() + " " + sql.claimOrder() + " LIMIT ? FOR UPDATE SKIP LOCKED";
        List<ClaimedRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setInt(1, max);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ClaimedRow(rs.getLong(1), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return rows;
    }

    private static void markReserved(Connection connection, Sql sql, List<ClaimedRow> rows, long leaseMillis)
            throws SQLException {
        String update = "UPDATE " + sql.table() + " SET " + sql.reserve() + " WHERE id IN ("
                + "?, ".repeat(rows.size() - 1) + "?)";
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setLong(1, leaseMillis);
            int index = 2;
            for (ClaimedRow row : rows) {
                statement.setLong(index++, row.id());
            }
            statement.executeUpdate();
        }
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

    @Override
    public boolean isRetryable(SQLException e) {
        // 1213: deadlock found; 1205: lock wait timeout exceeded.
        return Dialect.super.isRetryable(e) || e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
    }
}
