package io.jobqueue.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Sets a queue table up: creates it with its indexes when the name resolves to nothing, brings a
 * table of the previous version up to date, and refuses, through the {@link TableGuard}, a table of
 * that name that is not a queue table before any statement changes it. Run by {@code setUp} and, with
 * option {@code autoSetUp} (the default), by a queue's first use. Never drops or empties anything.
 * Thread-safe; two processes setting up the same table at once both succeed.
 */
final class TableSetUp {

    private final Dialect dialect;
    private final Sql sql;
    private final SchemaUpgrade upgrade;

    TableSetUp(Dialect dialect, Sql sql, SchemaUpgrade upgrade) {
        this.dialect = dialect;
        this.sql = sql;
        this.upgrade = upgrade;
    }

    /**
     * Makes sure the table is a queue table of this version, creating it when it is missing.
     *
     * @throws TableGuard.NotAQueueTableException when the name resolves to something that is not a queue table
     */
    void ensure(Connection c) throws SQLException {
        if (upgrade.ensureCurrent(c) != TableGuard.Shape.MISSING) {
            return;
        }
        for (String statement : dialect.createSchema(sql.tableName())) {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                ps.execute();
            } catch (SQLException e) {
                // Two processes creating the same table at once: PostgreSQL reports a duplicate.
                if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        upgrade.ensureCurrent(c);
    }
}
