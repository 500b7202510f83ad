package io.jobqueue.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps queue tables small on a PostgreSQL server whose autovacuum is off. Every finished message
 * is a deleted row, and without VACUUM the dead rows stay in the claim index: each claim walks over
 * them, and the queue gets slower with every job it has ever run. When (and only when) the server's
 * {@code autovacuum} setting is off, this vacuums a table once its dead rows exceed
 * {@value #MIN_DEAD_ROWS} and its live rows, looking at most every ten seconds per table, on one
 * daemon thread per pool. Where the server vacuums by itself this asks once and then does nothing. A plain VACUUM does not block submits, claims or finishes.
 */
final class PgVacuum implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgVacuum.class);
    private static final long MIN_DEAD_ROWS = 10_000;
    /** How often a table is looked at, at most. */
    static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final String DEAD_AND_LIVE =
            "SELECT n_dead_tup, n_live_tup FROM pg_stat_user_tables WHERE relid = to_regclass(?)";

    private final DataSource dataSource;
    private final String redactedUrl;
    private final long checkEveryNanos;
    private final Map<String, Long> lastCheck = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jobqueue-pg-vacuum");
        thread.setDaemon(true);
        return thread;
    });
    /** Null until asked; then whether the server vacuums by itself (and this has nothing to do). */
    private volatile Boolean serverVacuums;
    private boolean warned;

    PgVacuum(DataSource dataSource, String redactedUrl, long checkEveryNanos) {
        this.dataSource = dataSource;
        this.redactedUrl = redactedUrl;
        this.checkEveryNanos = checkEveryNanos;
    }

    /** Looks at the table soon, unless it was looked at a moment ago or the server vacuums by itself. */
    void request(String table) {
        if (Boolean.TRUE.equals(serverVacuums)) {
            return;
        }
        long now = System.nanoTime();
        Long last = lastCheck.get(table);
        boolean recentlyChecked = last != null && now - last < checkEveryNanos;
        if (recentlyChecked || !replace(table, last, now)) {
            return;
        }
        try {
            executor.execute(() -> check(table));
        } catch (RuntimeException e) {
            // closed: the pool is going away
        }
    }

    private boolean replace(String table, Long last, long now) {
        return last == null ? lastCheck.putIfAbsent(table, now) == null : lastCheck.replace(table, last, now);
    }

    private void check(String table) {
        try (Connection connection = dataSource.getConnection()) {
            if (serverVacuums == null) {
                serverVacuums = autovacuumIsOn(connection);
            }
            if (serverVacuums || !needsVacuum(connection, table)) {
                return;
            }
            if (!warned) {
                warned = true;
                LOG.warn("autovacuum is off on {}: the job queue vacuums its own tables, or finished messages"
                        + " would slow every claim down; turn autovacuum on to leave this to the server", redactedUrl);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM \"" + table + "\"");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("vacuuming queue table {} failed; trying again later", table, e);
        }
    }

    private static boolean autovacuumIsOn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('autovacuum')")) {
            return rs.next() && "on".equals(rs.getString(1));
        }
    }

    private static boolean needsVacuum(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DEAD_AND_LIVE)) {
            statement.setString(1, "\"" + table + "\"");
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) > MIN_DEAD_ROWS && rs.getLong(1) > rs.getLong(2);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
