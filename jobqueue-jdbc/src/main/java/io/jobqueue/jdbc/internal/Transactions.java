package io.jobqueue.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in one transaction on a connection and puts the connection's autocommit back as it
 * was. When the work fails, its error is what the caller sees: a rollback or reset that fails too
 * (the connection broke) is attached to it as suppressed, never put in its place.
 */
final class Transactions {

    /** Work on the connection inside the transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    /** Runs the work and commits; rolls back when it fails. */
    static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            } catch (SQLException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        connection.setAutoCommit(autoCommit);
        return result;
    }

    /**
     * Runs the work in one READ COMMITTED transaction, so that every statement reads what was committed
     * before it started (the pools run at READ COMMITTED; an application's DataSource may not), then
     * puts the isolation back as it was.
     */
    static <T> T inReadCommitted(Connection connection, Work<T> work) throws SQLException {
        int isolation = connection.getTransactionIsolation();
        if (isolation == Connection.TRANSACTION_READ_COMMITTED) {
            return inTransaction(connection, work);
        }
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try {
            return inTransaction(connection, work);
        } finally {
            connection.setTransactionIsolation(isolation);
        }
    }
}
