package io.jobqueue.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The statements of one queue table, written once in SQL all three databases understand; the
 * dialect supplies the clock expressions and the quoting. States are stored as small numbers:
 * {@value #READY} ready, {@value #RESERVED} reserved, {@value #FAILED} failed. The literals stay in
 * the SQL (not parameters) so PostgreSQL can match its partial indexes.
 */
public final class Sql {

    public static final int READY = 0;
    public static final int RESERVED = 1;
    public static final int FAILED = 2;

    private static final String COLUMNS = "id, payload, releases";

    private final String tableName;
    private final String table;
    private final String now;
    private final String nowPlus;
    private final String failedAt;

    public final String peek;
    public final String countReady;
    public final String countReserved;
    public final String countFailed;
    public final String listFailed;
    public final String retryFailed;
    public final String flush;
    public final String sweep;

    public Sql(Dialect dialect, String tableName) {
        this.tableName = tableName;
        this.table = dialect.quote(tableName);
        this.now = dialect.now();
        this.nowPlus = dialect.nowPlusMillis();
        this.failedAt = dialect.failedAt(table);
        String due = "state = " + READY + " AND due_at <= " + now;
        peek = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + due + " " + claimOrder() + " LIMIT ?";
        countReady = "SELECT COUNT(*) FROM " + table + " WHERE " + due;
        countReserved = "SELECT COUNT(*) FROM " + table + " WHERE state = " + RESERVED;
        countFailed = "SELECT COUNT(*) FROM " + table + " WHERE state = " + FAILED;
        listFailed = "SELECT " + COLUMNS + ", reason, failed_at FROM " + table + " WHERE state = " + FAILED
                + " ORDER BY failed_at, id LIMIT ?";
        retryFailed = "UPDATE " + table + " SET state = " + READY + ", releases = 0, due_at = " + now
                + ", reason = NULL, failed_at = NULL WHERE id = ? AND state = " + FAILED;
        flush = "DELETE FROM " + table;
        sweep = "UPDATE " + table + " SET state = " + READY + ", releases = releases + 1, due_at = " + now
                + ", locked_until = NULL WHERE state = " + RESERVED + " AND locked_until <= " + now;
    }

    /** The table name as configured, unquoted. */
    public String tableName() {
        return tableName;
    }

    /** The quoted table name. */
    public String table() {
        return table;
    }

    /** The condition of a row that may be claimed now. */
    public String claimable() {
        return "state = " + READY + " AND due_at <= " + now;
    }

    /** The order in which rows are claimed and peeked: priority, then when they became due, then id. */
    public String claimOrder() {
        return "ORDER BY priority, due_at, id";
    }

    /** The SET list that reserves a row; binds lease milliseconds. */
    public String reserve() {
        return "state = " + RESERVED + ", locked_until = " + nowPlus;
    }

    /** A multi-row insert of ready rows; each row binds payload, priority, delay in milliseconds. */
    public String insert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table)
                .append(" (payload, state, priority, releases, due_at, created_at) VALUES ");
        String row = "(?, " + READY + ", ?, 0, " + nowPlus + ", " + now + ")";
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    /** Binds the parameters of {@link #insert(int)}. */
    public void bindInsert(PreparedStatement statement, List<String> payloads, int priority, long delayMillis)
            throws SQLException {
        int index = 1;
        for (String payload : payloads) {
            statement.setString(index++, payload);
            statement.setInt(index++, priority);
            statement.setLong(index++, delayMillis);
        }
    }

    /** Deletes the given rows while their lease holds; see {@link #held(int)}. */
    public String finish(int ids) {
        return "DELETE FROM " + table + " WHERE " + held(ids);
    }

    /** Makes held rows ready again; binds delay milliseconds and the new priority (or null) first. */
    public String release(int ids) {
        return "UPDATE " + table + " SET state = " + READY + ", releases = releases + 1, due_at = " + nowPlus
                + ", priority = COALESCE(?, priority), locked_until = NULL WHERE " + held(ids);
    }

    /** Moves held rows to failed; binds the reason first. */
    public String abort(int ids) {
        return "UPDATE " + table + " SET state = " + FAILED + ", reason = ?, failed_at = " + failedAt
                + ", locked_until = NULL WHERE " + held(ids);
    }

    /** Renews the leases of held rows; binds lease milliseconds first. */
    public String extend(int ids) {
        return "UPDATE " + table + " SET locked_until = " + nowPlus + " WHERE " + held(ids);
    }

    /**
     * Rows among {@code ids} that are reserved and whose lease has not run out (the sweep may not
     * have put an expired one back yet; it is not held all the same). Binds the ids.
     */
    private String held(int ids) {
        return "state = " + RESERVED + " AND locked_until > " + now + " AND id IN (" + "?, ".repeat(ids - 1) + "?)";
    }

    /** Binds row ids from {@code index} on; returns the next index. */
    public static int bindIds(PreparedStatement statement, int index, List<Long> ids) throws SQLException {
        for (long id : ids) {
            statement.setLong(index++, id);
        }
        return index;
    }
}
