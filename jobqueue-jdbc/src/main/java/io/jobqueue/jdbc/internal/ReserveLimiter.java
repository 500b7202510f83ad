package io.jobqueue.jdbc.internal;

import io.jobqueue.spi.ReserveLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims of a queue with {@code concurrencyLimit} or {@code rateLimit}. Every claim of such a
 * queue runs in one transaction that first locks the queue's row in its side table
 * {@code <table>__limits} ({@code SELECT … FOR UPDATE}; SQLite's writers are serialized anyway), so
 * the claims of all processes take turns and none can take a place another just took:
 *
 * <ul>
 *   <li>the concurrency limit counts the live reservations per key (reserved, lease not run out, not
 *       cancelled; one indexed read of the reserved rows), leaves the keys that are full out of the
 *       claim's scan, and takes at most the places left per key, in claim order;</li>
 *   <li>the rate limit keeps one fixed window on the database clock in the row (its start and how many
 *       it reserved): a claim takes at most what the window has left, and the first claim after the
 *       window's end opens a new one. {@link #nanosUntilNextWindow} tells a waiting reserver when.</li>
 * </ul>
 *
 * Queues without limits never come here: their claims stay the dialect's one statement. Thread-safe.
 */
final class ReserveLimiter {

    /** Every column of the limits table. */
    static final List<String> COLUMNS = List.of("id", "window_start", "window_count");
    /** The id of the one row of the limits table. */
    private static final int ROW = 1;
    /** Most scans of one claim, each after the keys the previous one filled were left out. */
    private static final int MAX_ROUNDS = 8;
    /** Most full keys named in a scan; beyond it they are skipped as they are read. */
    private static final int MOST_KEYS_IN_SQL = 1_000;

    private final Dialect dialect;
    private final Sql sql;
    private final ReserveLimits limits;
    private final SideTable table;
    private final String insertRow;
    private final String lockRow;
    private final String updateRow;
    private final String running;
    private volatile boolean rowReady;
    /** When the rate limit's window ends, in {@link System#nanoTime} terms, once a claim found it used up; else 0. */
    private volatile long windowEndsNanos;

    ReserveLimiter(Dialect dialect, Sql sql, ReserveLimits limits) {
        this.dialect = dialect;
        this.sql = sql;
        this.limits = limits;
        String name = TableNames.sideTable(sql.tableName(), "limits");
        this.table = new SideTable(dialect, name, "limits table", COLUMNS, List.of(dialect.createLimitsTable(name)));
        String t = table.table();
        this.insertRow = dialect.insertOrKeep(t, "id, window_start, window_count", ROW + ", NULL, 0", "id");
        this.lockRow = "SELECT window_start, window_count, " + dialect.now() + " AS db_now FROM " + t + " WHERE id = " + ROW
                + dialect.forUpdate();
        this.updateRow = "UPDATE " + t + " SET window_start = ?, window_count = ? WHERE id = " + ROW;
        this.running = "SELECT concurrency_key, COUNT(*) FROM " + sql.table() + " WHERE state = " + Sql.RESERVED
                + " AND locked_until > " + dialect.now() + " AND epoch <> " + Sql.CANCELLED_EPOCH
                + " AND concurrency_key IS NOT NULL GROUP BY concurrency_key";
    }

    /** The side table. */
    SideTable table() {
        return table;
    }

    /** Whether the queue limits the reservations per concurrency key. */
    boolean limitsConcurrency() {
        return limits.limitsConcurrency();
    }

    /** Whether the queue has any limit; without one, claims do not come here. */
    static boolean limits(ReserveLimits limits) {
        return limits.limitsConcurrency() || limits.limitsRate();
    }

    /** Makes sure the limits table and its row exist (creating them when {@code create}); false when the table is missing. */
    boolean ensure(Connection c, boolean create) throws SQLException {
        if (rowReady) {
            return true;
        }
        if (!table.ensure(c, create)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(insertRow)) {
            ps.executeUpdate();
        }
        rowReady = true;
        return true;
    }

    /**
     * How long until the rate limit's window ends, when the last claim found it used up; otherwise
     * {@link Long#MAX_VALUE}. A reserver sleeps no longer than this.
     */
    long nanosUntilNextWindow() {
        long ends = windowEndsNanos;
        return ends == 0 ? Long.MAX_VALUE : Math.max(0, ends - System.nanoTime());
    }

    /** Claims up to {@code max} rows within the limits, in one transaction; see the class comment. */
    List<ClaimedRow> claim(Connection c, int max, long leaseMillis) throws SQLException {
        return dialect.inTransaction(c, () -> {
            dialect.beforeClaim(c);
            Instant windowStart;
            long windowCount;
            Instant now;
            try (PreparedStatement ps = c.prepareStatement(lockRow); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    rowReady = false;
                    throw new SQLException("the row of limits table '" + table.name() + "' is missing", "40001");
                }
                windowStart = dialect.instant(rs, "window_start");
                windowCount = rs.getLong("window_count");
                now = dialect.instant(rs, "db_now");
            }
            int allowed = max;
            boolean windowOpen = false;
            Duration per = limits.ratePer();
            if (limits.limitsRate()) {
                windowOpen = windowStart != null && windowStart.plus(per).isAfter(now) && !windowStart.isAfter(now);
                if (!windowOpen) {
                    windowStart = now;
                    windowCount = 0;
                }
                allowed = (int) Math.min(max, limits.rateCount() - windowCount);
                if (allowed <= 0) {
                    rememberWindowEnd(windowStart.plus(per), now);
                    return List.of();
                }
                windowEndsNanos = 0; // the window has room: a reserver waits for messages, not for the window
            }
            List<ClaimedRow> claimed = limits.limitsConcurrency() ? claimPerKey(c, allowed, leaseMillis)
                    : reserve(c, scan(c, allowed, Set.of()), leaseMillis);
            if (limits.limitsRate() && !claimed.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(updateRow)) {
                    dialect.bindInstant(ps, 1, windowStart);
                    ps.setLong(2, windowCount + claimed.size());
                    ps.executeUpdate();
                }
                if (windowCount + claimed.size() >= limits.rateCount()) {
                    rememberWindowEnd(windowStart.plus(per), now);
                }
            }
            return claimed;
        });
    }

    private void rememberWindowEnd(Instant end, Instant now) {
        long nanos = Duration.between(now, end).toNanos();
        windowEndsNanos = System.nanoTime() + Math.max(1, nanos);
    }

    /** Takes ready rows in claim order, at most the places each key has left, scanning again past keys that filled up. */
    private List<ClaimedRow> claimPerKey(Connection c, int allowed, long leaseMillis) throws SQLException {
        Map<String, Integer> held = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(running); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                held.put(dialect.readKey(rs, 1), rs.getInt(2));
            }
        }
        int limit = limits.concurrencyLimit();
        Set<String> full = new LinkedHashSet<>();
        held.forEach((key, count) -> {
            if (count >= limit) {
                full.add(key);
            }
        });
        List<ClaimedRow> claimed = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS && claimed.size() < allowed; round++) {
            int wanted = allowed - claimed.size();
            List<Candidate> candidates = scan(c, wanted, full);
            List<ClaimedRow> take = new ArrayList<>();
            for (Candidate candidate : candidates) {
                String key = candidate.key();
                if (key != null) {
                    int count = held.getOrDefault(key, 0);
                    if (count >= limit) {
                        full.add(key);
                        continue;
                    }
                    held.put(key, count + 1);
                    if (count + 1 >= limit) {
                        full.add(key);
                    }
                }
                take.add(candidate.row());
            }
            if (!take.isEmpty()) {
                claimed.addAll(dialect.reserveLocked(c, sql, take, leaseMillis));
            }
            if (candidates.size() < wanted || take.size() == candidates.size()) {
                break; // nothing more is ready, or nothing was skipped
            }
        }
        return claimed;
    }

    private List<ClaimedRow> reserve(Connection c, List<Candidate> candidates, long leaseMillis) throws SQLException {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return dialect.reserveLocked(c, sql, candidates.stream().map(Candidate::row).toList(), leaseMillis);
    }

    /** Locks up to {@code n} claimable rows in claim order, leaving the rows of the full keys out. */
    private List<Candidate> scan(Connection c, int n, Set<String> full) throws SQLException {
        boolean named = !full.isEmpty() && full.size() <= MOST_KEYS_IN_SQL;
        String select = "SELECT " + Sql.MESSAGE_COLUMNS + ", epoch, concurrency_key FROM " + sql.table() + " WHERE "
                + sql.claimable() + (named ? " AND (concurrency_key IS NULL OR concurrency_key NOT IN ("
                        + "?, ".repeat(full.size() - 1) + "?))" : "")
                + " " + sql.claimOrder() + " LIMIT ?" + dialect.forUpdateSkipLocked();
        List<Candidate> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select)) {
            int index = 1;
            if (named) {
                for (String key : full) {
                    dialect.bindKey(ps, index++, key);
                }
            }
            ps.setInt(index, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Candidate(Rows.claimed(rs), dialect.readKey(rs, 7)));
                }
            }
        }
        return rows;
    }

    /** A ready row a claim locked, with its concurrency key (null when it has none). */
    private record Candidate(ClaimedRow row, String key) {
    }
}
