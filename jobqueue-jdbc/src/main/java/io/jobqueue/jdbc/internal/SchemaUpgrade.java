package io.jobqueue.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a queue table of an earlier version to this version's schema: the dialect's
 * {@code ALTER TABLE … ADD COLUMN} statements add what it lacks (0.1: the fencing epoch, the delivery
 * count, the headers and the concurrency key; 0.2: the concurrency key), in one transaction, keeping
 * every row (their counts start at 0, their headers and keys empty).
 * Only a table the {@link TableGuard} found to have exactly the previous version's columns is ever
 * altered. When another process upgrades the same table at the same moment, one of them fails and
 * finds the upgrade done on its next look, which is all it needs.
 */
final class SchemaUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaUpgrade.class);

    private final Dialect dialect;
    private final Sql sql;
    private final TableGuard guard;

    SchemaUpgrade(Dialect dialect, Sql sql, TableGuard guard) {
        this.dialect = dialect;
        this.sql = sql;
        this.guard = guard;
    }

    /**
     * Makes sure the table on the connection is a queue table of this version, upgrading one of the
     * previous version.
     *
     * @return {@link TableGuard.Shape#CURRENT}, or {@link TableGuard.Shape#MISSING} when there is no table
     * @throws TableGuard.NotAQueueTableException when the name resolves to something that is not a queue table
     */
    TableGuard.Shape ensureCurrent(Connection connection) throws SQLException {
        TableGuard.Shape shape = guard.check(connection);
        List<String> missing = shape.missingColumns();
        if (missing.isEmpty()) {
            return shape;
        }
        try {
            upgrade(connection, missing);
        } catch (SQLException e) {
            if (guard.check(connection) == TableGuard.Shape.CURRENT) {
                return TableGuard.Shape.CURRENT; // another process upgraded it first
            }
            throw e;
        }
        shape = guard.check(connection);
        if (shape != TableGuard.Shape.CURRENT) {
            throw new TableGuard.NotAQueueTableException("its upgrade to this version's columns ("
                    + String.join(", ", missing) + ") did not take effect");
        }
        LOG.info("Upgraded queue table {}: added the columns {}; its rows are kept", sql.tableName(),
                String.join(", ", missing));
        return shape;
    }

    private void upgrade(Connection connection, List<String> columns) throws SQLException {
        Transactions.inTransaction(connection, () -> {
            for (String statement : dialect.upgradeSchema(sql.tableName(), columns)) {
                try (PreparedStatement ps = connection.prepareStatement(statement)) {
                    ps.execute();
                }
            }
            return null;
        });
    }
}
