package io.jobqueue.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Runs the statements of one queue table on pooled connections: after the table check of the first
 * use (which upgrades a table of the previous version), in autocommit mode (an application's
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

    StatementRunner(Dialect dialect, DataSource dataSource, Failures failures, TableGuard guard, SchemaUpgrade upgrade) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.failures = failures;
        this.guard = guard;
        this.upgrade = upgrade;
    }

    /** Runs work that submits nothing; {@code operation} is a verb phrase for errors, such as "reserve a message". */
    <T> T run(String operation, Work<T> work) {
        return run(operation, work, null);
    }

    /**
     * Runs the work on a pooled connection in autocommit mode (an application's DataSource may hand
     * out connections without it), after the table check of the first use.
     *
     * @param messageBytes the size of the largest message the work submits, or null when it submits none
     */
    <T> T run(String operation, Work<T> work, LongSupplier messageBytes) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                return c.getAutoCommit() ? checkedRun(c, work) : inAutocommit(c, work);
            } catch (TableGuard.NotAQueueTableException e) {
                throw failures.notAQueueTable(e);
            } catch (SQLException e) {
                if (messageBytes != null && dialect.isTooLarge(e)) {
                    throw failures.tooLarge(messageBytes.getAsLong(), -1, e);
                }
                if (attempt >= MAX_ATTEMPTS || !dialect.isRetryable(e)) {
                    throw failures.wrap(operation, e, dialect);
                }
            }
        }
    }

    /** Runs the work after the table check of the first use. */
    private <T> T checkedRun(Connection c, Work<T> work) throws SQLException {
        if (!guard.verified()) {
            upgrade.ensureCurrent(c); // a missing table is left to the statement, which says so
        }
        return work.run(c);
    }

    /** Runs the work in autocommit mode on a connection handed out without it, then gives it back as it came. */
    private <T> T inAutocommit(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(true);
        T result;
        try {
            result = checkedRun(c, work);
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
