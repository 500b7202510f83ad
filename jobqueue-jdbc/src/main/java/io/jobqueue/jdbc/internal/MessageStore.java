package io.jobqueue.jdbc.internal;

import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.QueueCounts;
import io.jobqueue.Submitted;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.FinishedRetention;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.ReserveLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations of one queue table: submit, claim, the fenced changes of held rows, the reads of
 * peek, counts and the failed store, and the schema. Each runs through the {@link StatementRunner},
 * only after the {@link TableGuard} found the table to be the queue's own (and the
 * {@link SchemaUpgrade} brought a table of the previous version up to date, and, with
 * {@code autoSetUp}, the {@link TableSetUp} created a missing one), as one short transaction.
 * Thread-safe.
 */
public final class MessageStore {

    /** What an insert statement adds to its largest message, at most (SQL text, the other columns). */
    private static final long STATEMENT_OVERHEAD_BYTES = 4096;
    private static final long LIMIT_NOT_ASKED = -2;
    private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);
    /** How seldom a store deletes unique-key rows whose scope ended. */
    private static final long UNIQUE_PRUNE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Dialect dialect;
    private final Sql sql;
    private final Failures failures;
    private final TableGuard guard;
    private final SchemaUpgrade upgrade;
    private final TableSetUp setUp;
    private final StatementRunner runner;
    private final FinishedPruner pruner;
    private final boolean keepFinished;
    private final boolean autoSetUp;
    private final UniqueKeys uniqueKeys;
    /** The claims of a queue with limits; null for a queue without, whose claims are the dialect's one statement. */
    private final ReserveLimiter limiter;
    private final AtomicLong lastUniquePrune = new AtomicLong(System.nanoTime() - UNIQUE_PRUNE_EVERY_NANOS);
    /** The server's statement limit in bytes (-1: none); {@link #LIMIT_NOT_ASKED} until the first submit asks. */
    private volatile long statementLimit = LIMIT_NOT_ASKED;

    /**
     * @param autoSetUp whether the first statement of this store creates the table when it is missing
     *                  (else a missing table fails every call but {@link #createSchema} and {@link #flush})
     * @param retention how long finished rows are kept (as state finished) instead of deleted
     * @param limits    the concurrency and rate limits its claims keep
     */
    public MessageStore(Dialect dialect, Sql sql, DataSource dataSource, Failures failures, boolean autoSetUp,
            FinishedRetention retention, ReserveLimits limits) {
        this.dialect = dialect;
        this.sql = sql;
        this.failures = failures;
        this.guard = new TableGuard(dialect, sql);
        this.upgrade = new SchemaUpgrade(dialect, sql, guard);
        this.setUp = new TableSetUp(dialect, sql, upgrade);
        this.runner = new StatementRunner(dialect, dataSource, failures, guard, upgrade, autoSetUp ? setUp : null);
        this.keepFinished = retention.isOn();
        this.autoSetUp = autoSetUp;
        this.uniqueKeys = new UniqueKeys(dialect, sql);
        this.limiter = ReserveLimiter.limits(limits) ? new ReserveLimiter(dialect, sql, limits) : null;
        this.pruner = new FinishedPruner(dialect, sql, runner, retention);
    }

    /**
     * Creates the table and its indexes if missing, and upgrades a table of the previous version. A
     * table of that name that is not a queue table is refused before any statement runs.
     */
    public void createSchema() {
        runner.runWithoutSetUp("set up the queue table", c -> {
            setUp.ensure(c);
            uniqueKeys.table().ensure(c, true);
            if (limiter != null) {
                limiter.ensure(c, true);
            }
            return null;
        });
    }

    /**
     * Inserts the messages whose unique keys no live holder has, in one transaction, and returns what
     * happened to each; now and then (at most every 10 s) deletes key rows whose scope ended.
     */
    public List<Submitted> submitUnique(List<NewMessage> messages) {
        List<Submitted> submitted = runner.run("submit a message with a unique key", c -> {
            refuseTooLarge(c, messages);
            requireUniqueTable(c);
            return dialect.inTransaction(c, () -> uniqueKeys.submit(c, messages));
        }, () -> InsertChunks.largestBytes(messages));
        maybePruneUniqueKeys();
        return submitted;
    }

    /** The id of the message holding the key within its scope, in one SELECT; empty when none does (or there is no key table). */
    public Optional<String> findUnique(String key) {
        return runner.run("find a unique key", c -> uniqueKeys.table().ensure(c, false) ? uniqueKeys.find(c, key)
                : Optional.<String>empty());
    }

    private void requireUniqueTable(Connection c) throws SQLException {
        if (!uniqueKeys.table().ensure(c, autoSetUp)) {
            throw new SQLException("the unique-key table '" + uniqueKeys.table().name() + "' does not exist and option"
                    + " autoSetUp is false; create it with queue.setUp() in Java or `jobqueue queue:setup` on the command line");
        }
    }

    private void maybePruneUniqueKeys() {
        long now = System.nanoTime();
        long last = lastUniquePrune.get();
        if (now - last < UNIQUE_PRUNE_EVERY_NANOS || !lastUniquePrune.compareAndSet(last, now)) {
            return;
        }
        try {
            runner.run("delete unique keys whose scope ended", uniqueKeys::prune);
        } catch (io.jobqueue.BackendException e) {
            LOG.debug("Deleting the ended unique keys of table {} failed; the next run tries again: {}", sql.tableName(),
                    e.getMessage());
        }
    }

    /** Inserts the messages, all or none, and returns their ids in order. */
    public List<Long> insert(List<NewMessage> messages) {
        List<List<NewMessage>> chunks = InsertChunks.of(messages);
        return runner.run("submit a message", c -> {
            refuseTooLarge(c, messages);
            if (chunks.size() == 1 && dialect.insertsBatchInOneStatement()) {
                return dialect.insert(c, sql, messages, false);
            }
            return Transactions.inTransaction(c, () -> insertChunks(c, chunks, false));
        }, () -> InsertChunks.largestBytes(messages));
    }

    /**
     * Inserts on the caller's connection, inside the caller's transaction (wake-ups on its commit);
     * commits nothing. The first use checks (and upgrades) the table on a pooled connection, so the
     * caller's transaction never waits for an upgrade of its own making.
     */
    public List<Long> insert(Connection connection, List<NewMessage> messages) {
        if (!guard.verified()) {
            runner.run("check the queue table", c -> null);
        }
        try {
            if (!guard.verified()) {
                guard.check(connection);
            }
            refuseTooLarge(connection, messages);
            return insertChunks(connection, InsertChunks.of(messages), true);
        } catch (TableGuard.NotAQueueTableException e) {
            throw failures.notAQueueTable(e);
        } catch (SQLException e) {
            throw dialect.isTooLarge(e) ? failures.tooLarge(InsertChunks.largestBytes(messages), -1, e)
                    : failures.wrap("submit a message on the caller's connection", e, dialect);
        }
    }

    private List<Long> insertChunks(Connection c, List<List<NewMessage>> chunks, boolean notifyOnCommit)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (List<NewMessage> chunk : chunks) {
            ids.addAll(dialect.insert(c, sql, chunk, notifyOnCommit));
        }
        return ids;
    }

    /** Claims up to {@code max} ready rows for {@code leaseMillis}. */
    public List<ClaimedRow> claim(int max, long leaseMillis) {
        if (limiter == null) {
            return runner.run("reserve a message", c -> dialect.claim(c, sql, max, leaseMillis));
        }
        return runner.run("reserve a message", c -> {
            if (!limiter.ensure(c, autoSetUp)) {
                throw new SQLException("the limits table '" + limiter.table().name() + "' does not exist and option"
                        + " autoSetUp is false; create it with queue.setUp() in Java or `jobqueue queue:setup` on the command line");
            }
            return limiter.claim(c, max, leaseMillis);
        });
    }

    /** Whether the queue limits how many are reserved per concurrency key. */
    public boolean limitsConcurrency() {
        return limiter != null && limiter.limitsConcurrency();
    }

    /** How long until the rate limit lets a claim take more, once it was used up; {@link Long#MAX_VALUE} otherwise. */
    public long nanosUntilClaimsAllowed() {
        return limiter == null ? Long.MAX_VALUE : limiter.nanosUntilNextWindow();
    }

    /**
     * Puts reserved rows whose lease ran out back to ready, their release counts unchanged, and deletes
     * the cancelled ones among them (two statements on the lease index); returns how many were made ready.
     */
    public int sweep() {
        int swept = update("recover expired reservations", sql.sweep, Sql.Binder.NONE);
        update("delete cancelled reservations", sql.sweepCancelled, Sql.Binder.NONE);
        return swept;
    }

    /**
     * Deletes the held rows, or, when the queue keeps finished messages, marks them finished (and
     * prunes the history, at most once a second); returns their ids.
     */
    public Set<String> finish(List<Message> messages) {
        if (!keepFinished) {
            return changeHeld("finish a message", messages, m -> m, chunk -> null, chunk -> Sql.Binder.NONE);
        }
        Set<String> finished = changeHeld("finish a message", messages, m -> m, chunk -> sql.finishKept(),
                chunk -> Sql.Binder.NONE);
        pruner.maybePruneQuietly();
        return finished;
    }

    /**
     * Cancels the ready and reserved rows with these ids, one short statement or two per id by primary
     * key, in one transaction: with a history, each is kept as a finished row marked cancelled; without
     * one, a ready row (or one whose lease ran out) is deleted and a held one is marked with the
     * cancelled epoch, deleted by the sweep once its lease ended. Returns the ids cancelled.
     */
    public Set<String> cancel(List<Long> ids) {
        Set<String> cancelled = runner.run("cancel a message", c -> Transactions.inTransaction(c, () -> {
            Set<String> done = new HashSet<>();
            for (long id : ids) {
                boolean hit = keepFinished ? updateOne(c, sql.cancelKept, id) == 1
                        : updateOne(c, sql.cancelDeleted, id) == 1 || updateOne(c, sql.cancelReserved, id) == 1;
                if (hit) {
                    done.add(Long.toString(id));
                }
            }
            return done;
        }));
        if (keepFinished && !cancelled.isEmpty()) {
            pruner.maybePruneQuietly();
        }
        return cancelled;
    }

    private static int updateOne(Connection c, String statement, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setLong(1, id);
            return ps.executeUpdate();
        }
    }

    /** Deletes the finished rows the retention no longer keeps, unless that was done a moment ago. */
    public void maybePruneFinished() {
        pruner.maybePrune();
    }

    /** Makes the held rows ready again after {@code delayMillis}, one more release when {@code attempt}; returns their ids. */
    public Set<String> release(List<Message> messages, long delayMillis, Integer priority, boolean attempt) {
        Sql.Binder binder = (ps, index) -> {
            ps.setInt(index++, attempt ? 1 : 0);
            ps.setLong(index++, delayMillis);
            if (priority == null) {
                ps.setNull(index++, Types.INTEGER);
            } else {
                ps.setInt(index++, priority);
            }
            return index;
        };
        return changeHeld("release a message", messages, m -> m, chunk -> sql.release(), chunk -> binder);
    }

    /** Moves the held rows to failed, each with its reason cut to {@code maxReasonLength}; returns their ids. */
    public Set<String> abort(List<Abort> aborts, int maxReasonLength) {
        String failedAt = dialect.failedAt(sql.table());
        return changeHeld("abort a message", aborts, Abort::message, chunk -> sql.abort(chunk.size(), failedAt),
                chunk -> (ps, index) -> {
                    for (Abort abort : chunk) {
                        String reason = abort.reason();
                        ps.setLong(index++, Long.parseLong(abort.message().id()));
                        ps.setString(index++, reason.length() > maxReasonLength ? reason.substring(0, maxReasonLength) : reason);
                    }
                    return index;
                });
    }

    /** Renews the leases of the held rows; returns their ids. */
    public Set<String> extend(List<Message> messages, long leaseMillis) {
        return changeHeld("extend a lease", messages, m -> m, chunk -> sql.extend(), chunk -> (ps, index) -> {
            ps.setLong(index, leaseMillis);
            return index + 1;
        });
    }

    /**
     * Changes the held rows among the items, chunk by chunk: {@code set} gives a chunk's SET list
     * (null to delete) and {@code binder} what binds it.
     */
    private <T> Set<String> changeHeld(String operation, List<T> items, Function<T, Message> message,
            Function<List<T>, String> set, Function<List<T>, Sql.Binder> binder) {
        Set<String> changed = new HashSet<>();
        for (List<T> chunk : MessageIds.chunks(items, message)) {
            List<Reservation> reservations = chunk.stream().map(item -> Reservation.of(message.apply(item))).toList();
            List<Long> ids = runner.run(operation, c -> dialect.changeHeld(c, sql, reservations, set.apply(chunk),
                    binder.apply(chunk)));
            ids.forEach(id -> changed.add(Long.toString(id)));
        }
        return changed;
    }

    /** Up to {@code limit} ready rows in claim order. */
    public List<Message> peek(int limit) {
        return runner.run("peek", c -> {
            List<Message> messages = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.peek)) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        messages.add(Rows.message(rs));
                    }
                }
            }
            return messages;
        });
    }

    /** Ready, delayed, reserved and failed rows and the age of the oldest ready one, in one statement. */
    public QueueCounts counts() {
        return runner.run("count messages", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.counts); ResultSet rs = ps.executeQuery()) {
                rs.next();
                Instant oldest = dialect.instant(rs, "oldest_ready");
                Instant now = dialect.instant(rs, "counted_at");
                Duration age = oldest == null ? null : Duration.between(oldest, now);
                return new QueueCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        age != null && age.isNegative() ? Duration.ZERO : age);
            }
        });
    }

    /** Up to {@code limit} ready rows whose due time lies ahead, soonest due first, with their due times. */
    public List<DelayedMessage> listDelayed(int limit) {
        return runner.run("list delayed messages", c -> {
            List<DelayedMessage> delayed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.listDelayed)) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        delayed.add(new DelayedMessage(Rows.message(rs), dialect.instant(rs, "due_at")));
                    }
                }
            }
            return delayed;
        });
    }

    /** The row with this id and its state on the database clock, in one SELECT by primary key; empty when there is none. */
    public Optional<MessageInfo> find(long id) {
        return runner.run("find a message", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.find)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<MessageInfo>empty();
                    }
                    Message message = Rows.message(rs);
                    return Optional.of(switch (rs.getInt("found_state")) {
                        case Sql.DELAYED -> MessageInfo.delayed(message, dialect.instant(rs, "due_at"));
                        case Sql.RESERVED -> MessageInfo.reserved(message, dialect.instant(rs, "locked_until"));
                        case Sql.FAILED -> MessageInfo.failed(message, rs.getString("reason"), dialect.instant(rs, "failed_at"));
                        case Sql.FINISHED -> MessageInfo.finished(message, dialect.instant(rs, "failed_at"));
                        case Sql.CANCELLED -> MessageInfo.cancelled(message, dialect.instant(rs, "failed_at"));
                        default -> MessageInfo.ready(message);
                    });
                }
            }
        });
    }

    /** Up to {@code limit} failed rows, oldest failure first. */
    public List<FailedMessage> listFailed(int limit) {
        return runner.run("list failed messages", c -> {
            List<FailedMessage> failed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.listFailed)) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        failed.add(new FailedMessage(Rows.message(rs), rs.getString("reason"), dialect.instant(rs, "failed_at")));
                    }
                }
            }
            return failed;
        });
    }

    /** Moves a failed row back to ready with no releases and no deliveries; false when no failed row has the id. */
    public boolean retryFailed(long id) {
        return update("retry a failed message", sql.retryFailed, (ps, index) -> {
            ps.setLong(index, id);
            return index + 1;
        }) == 1;
    }

    /** Deletes a failed row; false when no failed row has the id. */
    public boolean deleteFailed(long id) {
        return update("delete a failed message", sql.deleteFailed, (ps, index) -> {
            ps.setLong(index, id);
            return index + 1;
        }) == 1;
    }

    /** Deletes every row of the table, after checking again that it is the queue's own table; never creates it. */
    public void flush() {
        runner.runWithoutSetUp("flush the queue", c -> {
            // a missing table is nothing to delete, and no error for a flush
            boolean exists = upgrade.ensureCurrent(c) != TableGuard.Shape.MISSING;
            return dialect.inTransaction(c, () -> {
                int deleted = 0;
                if (exists) {
                    try (PreparedStatement ps = c.prepareStatement(sql.flush)) {
                        deleted = ps.executeUpdate();
                    }
                }
                uniqueKeys.flush(c);
                return deleted;
            });
        });
    }

    private int update(String operation, String statement, Sql.Binder binder) {
        return runner.run(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                binder.bind(ps, 1);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Refuses, before anything is sent, messages larger than the server's statement limit, where it
     * has one (MariaDB's {@code max_allowed_packet}, past which the server drops the connection).
     * The limit is asked once per store.
     */
    private void refuseTooLarge(Connection c, List<NewMessage> messages) throws SQLException {
        long limit = statementLimit;
        if (limit == LIMIT_NOT_ASKED) {
            limit = dialect.statementLimit(c);
            statementLimit = limit;
        }
        if (limit > 0) {
            long bytes = InsertChunks.largestBytes(messages);
            if (bytes + STATEMENT_OVERHEAD_BYTES >= limit) {
                throw failures.tooLarge(bytes, limit, null);
            }
        }
    }
}
