package io.jobqueue.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Runs the statements of one queue table on pooled connections: after the table check of the first
 * use (which upgrades a table of the previous version and, with {@code autoSetUp}, creates a missing
 * one), in autocommit mode (an application's
 * DataSource may hand out connections without it), run again (up to three times) when the database
 * reports a deadlock or a busy lock; every other failure becomes a
 * {@link io.jobqueue.BackendException} through {@link Failures}. Thread-safe.
 */
final class StatementRunner {

    private static final int MAX_ATTEMPTS = 3;

    private final Dialect dialect;
    private final DataSource dataSource;
    private final Failures failures;
    private final TableGuard guard;
    private final SchemaUpgrade upgrade;
    /** Creates a missing table on first use; null when option {@code autoSetUp} is false. */
    private final TableSetUp autoSetUp;

    StatementRunner(Dialect dialect, DataSource dataSource, Failures failures, TableGuard guard, SchemaUpgrade upgrade,
            TableSetUp autoSetUp) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.failures = failures;
        this.guard = guard;
        this.upgrade = upgrade;
        this.autoSetUp = autoSetUp;
    }

    /** Runs work that submits nothing; {@code operation} is a verb phrase for errors, such as "reserve a message". */
    <T> T run(String operation, Work<T> work) {
        return run(operation, work, null, autoSetUp);
    }

    /**
     * Runs work that must not create the table first (a flush has nothing to delete in a missing
     * table; {@code setUp} creates it itself), after the table check of the first use.
     */
    <T> T runWithoutSetUp(String operation, Work<T> work) {
        return run(operation, work, null, null);
    }

    /**
     * Runs the work on a pooled connection in autocommit mode (an application's DataSource may hand
     * out connections without it), after the table check of the first use.
     *
     * @param messageBytes the size of the largest message the work submits, or null when it submits none
     */
    <T> T run(String operation, Work<T> work, LongSupplier messageBytes) {
        return run(operation, work, messageBytes, autoSetUp);
    }

    private <T> T run(String operation, Work<T> work, LongSupplier messageBytes, TableSetUp setUp) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                return c.getAutoCommit() ? checkedRun(c, work, setUp) : inAutocommit(c, work, setUp);
            } catch (TableGuard.NotAQueueTableException e) {
                throw failures.notAQueueTable(e);
            } catch (SQLException e) {
                if (messageBytes != null && dialect.isTooLarge(e)) {
                    throw failures.tooLarge(messageBytes.getAsLong(), -1, e);
                }
                if (attempt >= MAX_ATTEMPTS || !dialect.isRetryable(e)) {
                    throw failures.wrap(operation, e, dialect);
                }
                pauseBeforeRetry(attempt);
            }
        }
    }

    /**
     * A deadlock or serialization failure came from a concurrent statement: waiting a few random
     * milliseconds (more after each attempt) lets it finish instead of colliding with it again.
     */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the work after the table check of the first use, which sets the table up when {@code setUp} is given. */
    private <T> T checkedRun(Connection c, Work<T> work, TableSetUp setUp) throws SQLException {
        if (!guard.verified()) {
            if (setUp != null) {
                setUp.ensure(c);
            } else {
                upgrade.ensureCurrent(c); // a missing table is left to the statement, which says so
            }
        }
        return work.run(c);
    }

    /** Runs the work in autocommit mode on a connection handed out without it, then gives it back as it came. */
    private <T> T inAutocommit(Connection c, Work<T> work, TableSetUp setUp) throws SQLException {
        c.setAutoCommit(true);
        T result;
        try {
            result = checkedRun(c, work, setUp);
        } catch (SQLException | RuntimeException e) {
            try {
                c.setAutoCommit(false);
            } catch (SQLException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        c.setAutoCommit(false);
        return result;
    }

    /** Work on a connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
