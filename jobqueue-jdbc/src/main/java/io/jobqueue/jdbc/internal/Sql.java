package io.jobqueue.jdbc.internal;

import io.jobqueue.spi.Headers;
import io.jobqueue.spi.NewMessage;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The statements of one queue table, written once in SQL all three databases understand; the
 * dialect supplies the clock expressions, the quoting and the next fencing epoch. States are stored
 * as small numbers: {@value #READY} ready, {@value #RESERVED} reserved, {@value #FAILED} failed,
 * {@value #FINISHED} finished and kept for the queue's {@code retainFinished} (column
 * {@code failed_at} then holds when it finished: the time a row reached its end state). A cancelled
 * row of a queue that keeps finished messages is a finished row whose {@code reason} is
 * {@value #CANCELLED_MARK} (a finished row's reason is always null), so the history's index, pruning
 * and every state filter take it as they take a finished one. Without a history, a cancelled ready row
 * is deleted, and a reserved one stays reserved with epoch {@value #CANCELLED_EPOCH} (no token has it,
 * so its holder's renewal and completions find nothing) until its lease ends, then the sweep deletes it
 * instead of making it ready. {@link #find} reports both as {@value #CANCELLED}.
 * The literals stay in the SQL (not parameters) so PostgreSQL can match its partial indexes.
 */
public final class Sql {

    public static final int READY = 0;
    public static final int RESERVED = 1;
    public static final int FAILED = 2;
    /** What {@link #find} reports for a ready row whose due time lies ahead (never stored). */
    public static final int DELAYED = 3;
    public static final int FINISHED = 4;
    /** What {@link #find} reports for a finished row marked cancelled (never stored). */
    public static final int CANCELLED = 5;
    /** The epoch of a reserved row cancelled on a queue without history: no reservation has it. */
    public static final long CANCELLED_EPOCH = -1;
    /** The {@code reason} of a finished row that marks it cancelled. */
    public static final String CANCELLED_MARK = "cancelled";

    /** The columns {@link Rows#message} reads, in its order. */
    static final String MESSAGE_COLUMNS = "id, payload, headers, releases, deliveries";

    private final Dialect dialect;
    private final String tableName;
    private final String table;
    private final String now;
    private final String nowPlus;
    private final String nextEpoch;

    public final String peek;
    public final String counts;
    public final String listDelayed;
    public final String listFailed;
    public final String find;
    public final String retryFailed;
    public final String deleteFailed;
    public final String flush;
    public final String sweep;
    public final String sweepCancelled;
    public final String pruneFinishedByAge;
    public final String pruneFinishedByCount;
    public final String cancelKept;
    public final String cancelDeleted;
    public final String cancelReserved;

    public Sql(Dialect dialect, String tableName) {
        this.dialect = dialect;
        this.tableName = tableName;
        this.table = dialect.quote(tableName);
        this.now = dialect.now();
        this.nowPlus = dialect.nowPlusMillis();
        this.nextEpoch = dialect.nextEpoch();
        String due = "state = " + READY + " AND due_at <= " + now;
        peek = "SELECT " + MESSAGE_COLUMNS + " FROM " + table + " WHERE " + due + " " + claimOrder() + " LIMIT ?";
        counts = "SELECT"
                + " COALESCE(SUM(CASE WHEN " + due + " THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN state = " + READY + " AND due_at > " + now + " THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN state = " + RESERVED + " AND epoch <> " + CANCELLED_EPOCH + " THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN state = " + FAILED + " THEN 1 ELSE 0 END), 0),"
                + " MIN(CASE WHEN " + due + " THEN due_at END) AS oldest_ready, " + now + " AS counted_at"
                + " FROM " + table;
        listDelayed = "SELECT " + MESSAGE_COLUMNS + ", due_at FROM " + table + " WHERE state = " + READY + " AND due_at > " + now
                + " ORDER BY due_at, id LIMIT ?";
        listFailed = "SELECT " + MESSAGE_COLUMNS + ", reason, failed_at FROM " + table + " WHERE state = " + FAILED
                + " ORDER BY failed_at, id LIMIT ?";
        // One row by primary key, its state as the database clock sees it now: a ready row not due
        // yet is delayed, a reservation whose lease ran out (not swept yet) is ready.
        find = "SELECT " + MESSAGE_COLUMNS + ", CASE WHEN state = " + READY + " AND due_at > " + now + " THEN " + DELAYED
                + " WHEN state = " + RESERVED + " AND epoch = " + CANCELLED_EPOCH + " THEN " + CANCELLED
                + " WHEN state = " + RESERVED + " AND (locked_until IS NULL OR locked_until <= " + now + ") THEN " + READY
                + " WHEN state = " + FINISHED + " AND reason IS NOT NULL THEN " + CANCELLED
                + " ELSE state END AS found_state, due_at, locked_until, reason, failed_at FROM " + table + " WHERE id = ?";
        // Cancels bind one id. A reservation whose lease ran out counts as ready; with a history, every
        // cancelled row is kept as finished and marked; without one, a ready row is deleted and a held
        // one marked with the cancelled epoch, so that its holder learns it, until the sweep deletes it.
        String live = " AND epoch <> " + CANCELLED_EPOCH;
        cancelKept = "UPDATE " + table + " SET state = " + FINISHED + ", reason = '" + CANCELLED_MARK + "', failed_at = " + now
                + ", locked_until = NULL WHERE id = ? AND (state = " + READY + " OR state = " + RESERVED + ")" + live;
        cancelDeleted = "DELETE FROM " + table + " WHERE id = ? AND (state = " + READY + " OR state = " + RESERVED
                + " AND (locked_until IS NULL OR locked_until <= " + now + "))" + live;
        cancelReserved = "UPDATE " + table + " SET epoch = " + CANCELLED_EPOCH + ", failed_at = " + now + " WHERE id = ? AND state = "
                + RESERVED + " AND locked_until > " + now + live;
        retryFailed = "UPDATE " + table + " SET state = " + READY + ", releases = 0, deliveries = 0, due_at = " + now
                + ", reason = NULL, failed_at = NULL WHERE id = ? AND state = " + FAILED;
        deleteFailed = "DELETE FROM " + table + " WHERE id = ? AND state = " + FAILED;
        flush = "DELETE FROM " + table;
        // A lease that ran out is no failure of the job: the release count stays as it was, and so does
        // the due time, so the message keeps its place in line instead of going behind the backlog.
        sweep = "UPDATE " + table + " SET state = " + READY + ", locked_until = NULL WHERE state = "
                + RESERVED + " AND locked_until <= " + now + live;
        // A cancelled reservation whose lease ended: its holder had a lease's time to learn it.
        sweepCancelled = "DELETE FROM " + table + " WHERE state = " + RESERVED + " AND locked_until <= " + now + " AND epoch = "
                + CANCELLED_EPOCH;
        // Binds minus the age in milliseconds, then the most rows to delete.
        pruneFinishedByAge = dialect.deleteLimited(table, "id", "state = " + FINISHED + " AND failed_at <= " + nowPlus);
        // Binds the most rows to delete, then how many of the latest finished rows to keep. The derived
        // table lets MySQL take a LIMIT and the table itself inside the DELETE's subquery.
        pruneFinishedByCount = "DELETE FROM " + table + " WHERE state = " + FINISHED + " AND id IN (SELECT id FROM (SELECT id FROM "
                + table + " WHERE state = " + FINISHED + " ORDER BY failed_at DESC, id DESC LIMIT ? OFFSET ?) kept_too_long)";
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

    /** The SET list that reserves a row: one more delivery and a new epoch (its fencing token); binds lease milliseconds. */
    public String reserve() {
        return "state = " + RESERVED + ", locked_until = " + nowPlus + ", deliveries = deliveries + 1, epoch = " + nextEpoch;
    }

    /**
     * A multi-row insert of ready rows; each row binds payload, headers, concurrency key, priority and
     * delay in milliseconds.
     */
    public String insert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table)
                .append(" (payload, headers, concurrency_key, state, priority, due_at, created_at) VALUES ");
        String row = "(?, ?, ?, " + READY + ", ?, " + nowPlus + ", " + now + ")";
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    /** Binds the parameters of {@link #insert(int)}; returns the next index. */
    public int bindInsert(PreparedStatement statement, List<NewMessage> messages) throws SQLException {
        int index = 1;
        for (NewMessage message : messages) {
            statement.setString(index++, message.payload());
            String headers = Headers.encode(message.options().headers());
            if (headers == null) {
                statement.setNull(index++, Types.VARCHAR);
            } else {
                statement.setString(index++, headers);
            }
            dialect.bindKey(statement, index++, message.concurrencyKey());
            statement.setInt(index++, message.options().priority());
            statement.setLong(index++, message.options().delay().toMillis());
        }
        return index;
    }

    /** The SET list of a release; binds the release count's increment (0 or 1), the delay and the new priority (or null). */
    public String release() {
        return "state = " + READY + ", releases = releases + ?, due_at = " + nowPlus
                + ", priority = COALESCE(?, priority), locked_until = NULL";
    }

    /** The SET list that keeps a finished row for the history, stamped with its finish time; binds nothing. */
    public String finishKept() {
        return "state = " + FINISHED + ", failed_at = " + now + ", locked_until = NULL";
    }

    /** The SET list of an abort, each row with its own reason; binds an id and its reason per row. */
    public String abort(int rows, String failedAt) {
        return "state = " + FAILED + ", reason = CASE id" + " WHEN ? THEN ?".repeat(rows) + " END, failed_at = "
                + failedAt + ", locked_until = NULL";
    }

    /** The SET list that renews a lease; binds lease milliseconds. */
    public String extend() {
        return "locked_until = " + nowPlus;
    }

    /**
     * Rows of the given reservations that are still held: reserved under that epoch, with a lease that
     * has not run out on the database clock (the sweep may not have put an expired one back yet; it is
     * not held all the same). The id list lets every database find the rows by primary key; the pairs
     * then keep only the current reservations. Binds the ids, then each id with its epoch.
     */
    public String held(int reservations) {
        return "state = " + RESERVED + " AND locked_until > " + now + " AND id IN (" + "?, ".repeat(reservations - 1)
                + "?) AND (" + "id = ? AND epoch = ? OR ".repeat(reservations - 1) + "id = ? AND epoch = ?)";
    }

    /** Binds the parameters of {@link #held(int)} from {@code index} on; returns the next index. */
    public static int bindHeld(PreparedStatement statement, int index, List<Reservation> reservations) throws SQLException {
        for (Reservation reservation : reservations) {
            statement.setLong(index++, reservation.id());
        }
        for (Reservation reservation : reservations) {
            statement.setLong(index++, reservation.id());
            statement.setLong(index++, reservation.epoch());
        }
        return index;
    }

    /** Binds row ids from {@code index} on; returns the next index. */
    public static int bindIds(PreparedStatement statement, int index, List<Long> ids) throws SQLException {
        for (long id : ids) {
            statement.setLong(index++, id);
        }
        return index;
    }

    /** Binds the parameters of a statement's SET list; returns the next index. */
    @FunctionalInterface
    public interface Binder {
        /** Binds no parameters. */
        Binder NONE = (statement, index) -> index;

        int bind(PreparedStatement statement, int index) throws SQLException;
    }
}
