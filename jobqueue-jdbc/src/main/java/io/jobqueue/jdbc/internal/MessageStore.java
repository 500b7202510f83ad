package io.jobqueue.jdbc.internal;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs the statements of one queue table on pooled connections, each only after the
 * {@link TableGuard} found the table to be the queue's own: each call is one short
 * transaction, run again (up to three times) when the database reports a deadlock or a busy lock,
 * and every other failure becomes a {@link io.jobqueue.BackendException} through {@link Failures}.
 * Thread-safe.
 */
public final class MessageStore {

    private static final int MAX_ATTEMPTS = 3;
    private static final int INSERT_CHUNK = 500;

    private final Dialect dialect;
    private final Sql sql;
    private final DataSource dataSource;
    private final Failures failures;
    private final TableGuard guard;

    public MessageStore(Dialect dialect, Sql sql, DataSource dataSource, Failures failures) {
        this.dialect = dialect;
        this.sql = sql;
        this.dataSource = dataSource;
        this.failures = failures;
        this.guard = new TableGuard(dialect, sql);
    }

    /**
     * Creates the table and its indexes if missing. A table of that name that is not a queue table
     * is refused before any statement runs.
     */
    public void createSchema(String table) {
        run("set up the queue table", c -> {
            guard.check(c);
            for (String statement : dialect.createSchema(table)) {
                try (PreparedStatement ps = c.prepareStatement(statement)) {
                    ps.execute();
                } catch (SQLException e) {
                    // Two processes creating the same table at once: PostgreSQL reports a duplicate.
                    if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            guard.check(c);
            return null;
        });
    }

    /** Inserts the payloads (in one transaction when they need several statements) and returns their ids. */
    public List<Long> insert(List<String> payloads, int priority, long delayMillis) {
        return run("submit a message", c -> {
            if (payloads.size() <= INSERT_CHUNK) {
                return dialect.insert(c, sql, payloads, priority, delayMillis, false);
            }
            c.setAutoCommit(false);
            try {
                List<Long> ids = insertChunks(c, payloads, priority, delayMillis, false);
                c.commit();
                return ids;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /** Inserts on the caller's connection, inside the caller's transaction (wake-ups on its commit); commits nothing. */
    public List<Long> insert(Connection connection, List<String> payloads, int priority, long delayMillis) {
        try {
            if (!guard.verified()) {
                guard.check(connection);
            }
            return insertChunks(connection, payloads, priority, delayMillis, true);
        } catch (TableGuard.NotAQueueTableException e) {
            throw failures.notAQueueTable(e);
        } catch (SQLException e) {
            throw failures.wrap("submit a message on the caller's connection", e, dialect);
        }
    }

    private List<Long> insertChunks(Connection c, List<String> payloads, int priority, long delayMillis,
            boolean notifyOnCommit) throws SQLException {
        List<Long> ids = new ArrayList<>(payloads.size());
        for (int from = 0; from < payloads.size(); from += INSERT_CHUNK) {
            List<String> chunk = payloads.subList(from, Math.min(payloads.size(), from + INSERT_CHUNK));
            ids.addAll(dialect.insert(c, sql, chunk, priority, delayMillis, notifyOnCommit));
        }
        return ids;
    }

    /** Claims up to {@code max} ready rows for {@code leaseMillis}. */
    public List<ClaimedRow> claim(int max, long leaseMillis) {
        return run("reserve a message", c -> dialect.claim(c, sql, max, leaseMillis));
    }

    /** Puts reserved rows whose lease ran out back to ready with one more release; returns how many. */
    public int sweep() {
        return update("recover expired reservations", sql.sweep, ps -> { });
    }

    /** Deletes the held rows among the chunks; returns how many. */
    public int finish(List<List<Long>> chunks) {
        return updateEach("finish a message", chunks, ids -> sql.finish(ids.size()),
                (ps, ids) -> Sql.bindIds(ps, 1, ids));
    }

    /** Makes the held rows ready again after {@code delayMillis}; returns how many. */
    public int release(List<List<Long>> chunks, long delayMillis, Integer priority) {
        return updateEach("release a message", chunks, ids -> sql.release(ids.size()), (ps, ids) -> {
            ps.setLong(1, delayMillis);
            if (priority == null) {
                ps.setNull(2, Types.INTEGER);
            } else {
                ps.setInt(2, priority);
            }
            Sql.bindIds(ps, 3, ids);
        });
    }

    /** Moves the held rows to failed with the reason; returns how many. */
    public int abort(List<List<Long>> chunks, String reason) {
        return updateEach("abort a message", chunks, ids -> sql.abort(ids.size()), (ps, ids) -> {
            ps.setString(1, reason);
            Sql.bindIds(ps, 2, ids);
        });
    }

    /** Renews the leases of the held rows; returns how many. */
    public int extend(List<List<Long>> chunks, long leaseMillis) {
        return updateEach("extend a lease", chunks, ids -> sql.extend(ids.size()), (ps, ids) -> {
            ps.setLong(1, leaseMillis);
            Sql.bindIds(ps, 2, ids);
        });
    }

    private int updateEach(String operation, List<List<Long>> chunks, Function<List<Long>, String> statement,
            ChunkBinder binder) {
        int count = 0;
        for (List<Long> ids : chunks) {
            count += update(operation, statement.apply(ids), ps -> binder.bind(ps, ids));
        }
        return count;
    }

    /** Up to {@code limit} ready rows in claim order. */
    public List<Message> peek(int limit) {
        return run("peek", c -> {
            List<Message> messages = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.peek)) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        messages.add(new Message(Long.toString(rs.getLong(1)), rs.getString(2), rs.getInt(3)));
                    }
                }
            }
            return messages;
        });
    }

    /** The single number a COUNT statement returns. */
    public long count(String countSql) {
        return run("count messages", c -> {
            try (PreparedStatement ps = c.prepareStatement(countSql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Up to {@code limit} failed rows, oldest failure first. */
    public List<FailedMessage> listFailed(int limit) {
        return run("list failed messages", c -> {
            List<FailedMessage> failed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.listFailed)) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Message message = new Message(Long.toString(rs.getLong(1)), rs.getString(2), rs.getInt(3));
                        failed.add(new FailedMessage(message, rs.getString(4), dialect.instant(rs, "failed_at")));
                    }
                }
            }
            return failed;
        });
    }

    /** Moves a failed row back to ready with no releases; false when no failed row has the id. */
    public boolean retryFailed(long id) {
        return update("retry a failed message", sql.retryFailed, ps -> ps.setLong(1, id)) == 1;
    }

    /** Deletes every row of the table, after checking again that it is the queue's own table. */
    public void flush() {
        run("flush the queue", c -> {
            if (!guard.check(c).exists()) {
                return 0; // nothing to delete; a missing table is no error for a flush
            }
            try (PreparedStatement ps = c.prepareStatement(sql.flush)) {
                return ps.executeUpdate();
            }
        });
    }

    private int update(String operation, String statement, Binder binder) {
        return run(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    private <T> T run(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                if (!guard.verified()) {
                    guard.check(c); // a missing table is left to the statement, which says so
                }
                return work.run(c);
            } catch (TableGuard.NotAQueueTableException e) {
                throw failures.notAQueueTable(e);
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !dialect.isRetryable(e)) {
                    throw failures.wrap(operation, e, dialect);
                }
            }
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface ChunkBinder {
        void bind(PreparedStatement statement, List<Long> ids) throws SQLException;
    }
}
