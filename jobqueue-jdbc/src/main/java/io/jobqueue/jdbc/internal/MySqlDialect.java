package io.jobqueue.jdbc.internal;

import io.jobqueue.spi.NewMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL 8+: as MariaDB (same SQL, {@code SKIP LOCKED} since 8.0.1) except that MySQL has no
 * {@code INSERT … RETURNING}, so rows are inserted one statement each and their ids read from the
 * generated keys, and no {@code ADD COLUMN IF NOT EXISTS}. Chosen for {@code jdbc:mysql:} URLs,
 * which also work against a MariaDB server.
 */
final class MySqlDialect extends MariaDbDialect {

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mysql:");
    }

    /** One ALTER (atomic in MySQL 8); when another process added the columns first, it fails and the queue checks again. */
    @Override
    String ifNotExists() {
        return "";
    }

    @Override
    public boolean insertsBatchInOneStatement() {
        return false;
    }

    @Override
    public List<Long> insert(Connection connection, Sql sql, List<NewMessage> messages, boolean notifyOnCommit)
            throws SQLException {
        List<Long> ids = new ArrayList<>(messages.size());
        try (PreparedStatement statement = connection.prepareStatement(sql.insert(1), Statement.RETURN_GENERATED_KEYS)) {
            for (NewMessage message : messages) {
                sql.bindInsert(statement, List.of(message));
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no id for an inserted message");
                    }
                    ids.add(keys.getLong(1));
                }
            }
        }
        return ids;
    }
}
