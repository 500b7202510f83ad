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
}
