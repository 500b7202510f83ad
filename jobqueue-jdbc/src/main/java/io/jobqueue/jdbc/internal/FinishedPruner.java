package io.jobqueue.jdbc.internal;

import io.jobqueue.BackendException;
import io.jobqueue.spi.FinishedRetention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the finished rows a queue's {@link FinishedRetention} no longer keeps: those finished
 * longer ago than its age, and those beyond its count of the latest. Runs at most once a second per
 * store, after a finish and after the reserver's sweep, in statements of at most
 * {@value #ROWS_PER_STATEMENT} rows and at most {@value #STATEMENTS_PER_PRUNE} statements a run, so
 * no run holds locks for long; a backlog left over is taken by the next runs. Only rows of state
 * finished in the queue's own (verified) table are ever deleted. Thread-safe.
 */
final class FinishedPruner {

    private static final Logger LOG = LoggerFactory.getLogger(FinishedPruner.class);
    static final int ROWS_PER_STATEMENT = 5_000;
    static final int STATEMENTS_PER_PRUNE = 10;
    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Dialect dialect;
    private final Sql sql;
    private final StatementRunner runner;
    private final FinishedRetention retention;
    private final AtomicLong lastRun = new AtomicLong(System.nanoTime() - EVERY_NANOS);
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private volatile boolean indexChecked;

    FinishedPruner(Dialect dialect, Sql sql, StatementRunner runner, FinishedRetention retention) {
        this.dialect = dialect;
        this.sql = sql;
        this.runner = runner;
        this.retention = retention;
    }

    /** Prunes unless the retention is off or a run started less than a second ago; errors are thrown. */
    void maybePrune() {
        if (!retention.isOn()) {
            return;
        }
        long now = System.nanoTime();
        long last = lastRun.get();
        if (now - last >= EVERY_NANOS && lastRun.compareAndSet(last, now)) {
            runner.run("prune finished messages", this::prune);
        }
    }

    /**
     * As {@link #maybePrune}, but a failure is logged (at most once a minute) instead of thrown: the
     * finish it follows did succeed, and the next run takes what is left.
     */
    void maybePruneQuietly() {
        try {
            maybePrune();
        } catch (BackendException e) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
                LOG.warn("Could not prune the finished messages of table {}; the next finish tries again: {}", sql.tableName(),
                        e.getMessage());
            }
        }
    }

    private int prune(Connection c) throws SQLException {
        ensureIndex(c);
        int deleted = 0;
        if (retention.maxAge() != null) {
            deleted += repeat(c, sql.pruneFinishedByAge, -retention.maxAge().toMillis(), true);
        }
        if (retention.maxCount() > 0) {
            deleted += repeat(c, sql.pruneFinishedByCount, retention.maxCount(), false);
        }
        return deleted;
    }

    /** Runs a pruning statement until it deletes less than a full statement's rows, or the run's statements are used up. */
    private int repeat(Connection c, String statement, long parameter, boolean parameterFirst) throws SQLException {
        int deleted = 0;
        for (int i = 0; i < STATEMENTS_PER_PRUNE; i++) {
            int rows;
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                ps.setLong(parameterFirst ? 1 : 2, parameter);
                ps.setInt(parameterFirst ? 2 : 1, ROWS_PER_STATEMENT);
                rows = ps.executeUpdate();
            }
            deleted += rows;
            if (rows < ROWS_PER_STATEMENT) {
                break;
            }
        }
        return deleted;
    }

    /** A table made before histories existed lacks the index its pruning reads; it is added once. */
    private void ensureIndex(Connection c) throws SQLException {
        String create = dialect.createFinishedIndex(sql.tableName());
        if (indexChecked || create.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(create)) {
            ps.execute();
        }
        indexChecked = true;
    }
}
