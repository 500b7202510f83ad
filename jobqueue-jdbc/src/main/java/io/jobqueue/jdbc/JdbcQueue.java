package io.jobqueue.jdbc;

import io.jobqueue.ConfigurationException;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.jdbc.internal.Dialect;
import io.jobqueue.jdbc.internal.Failures;
import io.jobqueue.jdbc.internal.MessageStore;
import io.jobqueue.jdbc.internal.PoolKey;
import io.jobqueue.jdbc.internal.PoolRegistry;
import io.jobqueue.jdbc.internal.MessageIds;
import io.jobqueue.jdbc.internal.Reserver;
import io.jobqueue.jdbc.internal.SharedPool;
import io.jobqueue.jdbc.internal.Sql;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.Secrets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A queue in one table of PostgreSQL, MariaDB/MySQL or SQLite. Claims are atomic in the database
 * ({@code SKIP LOCKED}, or SQLite's write lock), due times and leases run on the database clock, and
 * reservations whose lease ran out return to ready with one more release.
 *
 * <p>A message's id is its row id, the same from submit to finish. {@code finish}, {@code release},
 * {@code abort} and {@code extendLease} act only while the message is reserved and its lease has
 * not run out (checked on the database clock), in whichever process they are called.
 *
 * <p>{@link #submit(Connection, String, SubmitOptions)} submits inside the caller's transaction.
 * Thread-safe; queues with the same URL and credentials share one connection pool.
 */
public final class JdbcQueue implements Queue {

    /** Failure reasons are cut to this many characters, so a row stays about the size of its payload. */
    public static final int MAX_REASON_LENGTH = 10_000;

    private final String name;
    private final JdbcQueueOptions options;
    private final Dialect dialect;
    private final SharedPool pool;
    private final Sql sql;
    private final MessageStore store;
    private final Reserver reserver;
    private final QueueCapabilities capabilities;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A queue built from a queue's settings, as the {@link JdbcQueueFactory} does. */
    public JdbcQueue(QueueContext context) {
        this(context.name(), context.configuredName(), JdbcQueueOptions.from(context));
    }

    /** A queue named {@code name} with the given options. */
    public JdbcQueue(String name, JdbcQueueOptions options) {
        this(name, name, options);
    }

    private JdbcQueue(String name, String configuredName, JdbcQueueOptions options) {
        this.name = name;
        this.options = options;
        this.dialect = options.dialect();
        try {
            dialect.prepare(options.url());
        } catch (RuntimeException e) {
            throw new ConfigurationException("queue '" + configuredName + "': " + e.getMessage(), e);
        }
        PoolKey database = new PoolKey(options.url(), options.username(), options.password(), options.poolSize(),
                options.connectionTimeout());
        try {
            this.pool = PoolRegistry.acquire(database, dialect);
        } catch (RuntimeException e) {
            // HikariCP quotes the whole URL when it finds no driver for it
            throw new ConfigurationException("queue '" + configuredName + "': cannot open a connection pool for "
                    + database.maskedUrl() + ": " + database.mask(e.getMessage()), Secrets.mask(e, database.secrets()));
        }
        this.sql = new Sql(dialect, options.tableName());
        this.store = new MessageStore(dialect, sql, pool.dataSource(), new Failures(name, configuredName,
                options.tableName(), database));
        this.reserver = new Reserver(store, pool, options.tableName(), options.leaseTimeout(),
                options.pollInterval());
        QueueCapabilities all = QueueCapabilities.all("jdbc");
        this.capabilities = dialect.pushWakeUp() ? all : all.withoutPushWakeUp();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public QueueCapabilities capabilities() {
        return capabilities;
    }

    /** The validated options of this queue. */
    public JdbcQueueOptions options() {
        return options;
    }

    @Override
    public void setUp() {
        store.createSchema(options.tableName());
    }

    @Override
    public String submit(String payload, SubmitOptions submitOptions) {
        return submitAll(List.of(payload), submitOptions).get(0);
    }

    @Override
    public List<String> submitAll(List<String> payloads, SubmitOptions submitOptions) {
        if (payloads.isEmpty()) {
            return List.of();
        }
        List<Long> ids = store.insert(payloads, submitOptions.priority(), submitOptions.delay().toMillis());
        if (submitOptions.delay().isZero()) {
            reserver.wakeReservers();
        }
        return ids.stream().map(String::valueOf).toList();
    }

    /**
     * Submits on the caller's connection, inside the caller's transaction: the message exists
     * exactly when that transaction commits. Nothing is committed or closed here. On PostgreSQL the
     * NOTIFY is part of the transaction too, so reservers wake on commit; elsewhere they find the
     * message at their next poll.
     *
     * @return the new message's id (visible to others once the caller commits)
     */
    public String submit(Connection connection, String payload, SubmitOptions submitOptions) {
        return String.valueOf(store.insert(connection, List.of(payload), submitOptions.priority(),
                submitOptions.delay().toMillis()).get(0));
    }

    @Override
    public Optional<Message> waitAndTake(Duration timeout) {
        return waitAndReserve(timeout).filter(message -> finish(message.id()));
    }

    @Override
    public Optional<Message> waitAndReserve(Duration timeout) {
        return waitAndReserve(1, timeout).stream().findFirst();
    }

    @Override
    public List<Message> waitAndReserve(int max, Duration timeout) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        return reserver.reserve(max, timeout == null ? options.defaultTimeout() : timeout);
    }

    @Override
    public boolean release(String id, ReleaseOptions releaseOptions) {
        boolean released = store.release(MessageIds.chunks(List.of(id)), releaseOptions.delay().toMillis(),
                releaseOptions.priority()) == 1;
        if (released && releaseOptions.delay().isZero()) {
            reserver.wakeReservers();
        }
        return released;
    }

    @Override
    public boolean abort(String id, String reason) {
        String text = reason == null ? "" : reason;
        text = text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text;
        return store.abort(MessageIds.chunks(List.of(id)), text) == 1;
    }

    @Override
    public boolean finish(String id) {
        return finishAll(List.of(id)) == 1;
    }

    @Override
    public int finishAll(Collection<String> ids) {
        return store.finish(MessageIds.chunks(ids));
    }

    @Override
    public boolean extendLease(String id) {
        return extendLeases(List.of(id)) == 1;
    }

    @Override
    public int extendLeases(Collection<String> ids) {
        return store.extend(MessageIds.chunks(ids), options.leaseTimeout().toMillis());
    }

    @Override
    public Duration leaseTimeout() {
        return options.leaseTimeout();
    }

    @Override
    public List<Message> peek(int limit) {
        reserver.maybeSweep();
        return limit < 1 ? List.of() : store.peek(limit);
    }

    @Override
    public long countReady() {
        reserver.maybeSweep();
        return store.count(sql.countReady);
    }

    @Override
    public long countReserved() {
        reserver.maybeSweep();
        return store.count(sql.countReserved);
    }

    @Override
    public long countFailed() {
        return store.count(sql.countFailed);
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        return limit < 1 ? List.of() : store.listFailed(limit);
    }

    @Override
    public boolean retryFailed(String id) {
        Long rowId = MessageIds.parse(id);
        boolean retried = rowId != null && store.retryFailed(rowId);
        if (retried) {
            reserver.wakeReservers();
        }
        return retried;
    }

    @Override
    public void flush() {
        store.flush();
    }

    /** Gives back the shared pool (closing it with its last queue); idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            PoolRegistry.release(pool);
        }
    }

    @Override
    public String toString() {
        return "JdbcQueue[" + name + ", " + dialect.name() + ", table " + options.tableName() + "]";
    }
}
