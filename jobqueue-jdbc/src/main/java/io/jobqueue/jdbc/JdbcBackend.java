package io.jobqueue.jdbc;

import io.jobqueue.BackendException;
import io.jobqueue.Capability;
import io.jobqueue.ConfigurationException;
import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Submitted;
import io.jobqueue.WorkerHeartbeat;
import io.jobqueue.jdbc.internal.Dialect;
import io.jobqueue.jdbc.internal.Dialects;
import io.jobqueue.jdbc.internal.Failures;
import io.jobqueue.jdbc.internal.MessageIds;
import io.jobqueue.jdbc.internal.MessageStore;
import io.jobqueue.jdbc.internal.PoolKey;
import io.jobqueue.jdbc.internal.PoolRegistry;
import io.jobqueue.jdbc.internal.Reserver;
import io.jobqueue.jdbc.internal.SharedPool;
import io.jobqueue.jdbc.internal.Sql;
import io.jobqueue.jdbc.internal.WorkersTable;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.Headers;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.Secrets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A queue in one table of PostgreSQL, MariaDB/MySQL or SQLite. Claims are atomic in the database
 * ({@code SKIP LOCKED}, or SQLite's write lock), due times and leases run on the database clock, and
 * reservations whose lease ran out return to ready with their release count unchanged.
 *
 * <p>A message's id is its row id, the same from submit to finish; its token is the row's
 * {@code epoch}, which every claim changes. {@code finish}, {@code release}, {@code abort} and
 * {@code extendLeases} act only on rows still reserved under that epoch whose lease has not run out
 * (checked on the database clock), in whichever process they are called.
 *
 * <p>Unique keys live in the side table {@code <table>__unique}, checked and taken in the submit's
 * transaction under the key row's lock; a queue with {@code concurrencyLimit} or {@code rateLimit}
 * serializes its claims on its row in {@code <table>__limits} and counts there (queues without limits
 * keep their one-statement claim). Both side tables are verified as the queue's own like its table.
 *
 * <p>Built by {@link JdbcQueueFactory} with a pool of its own ({@link #create(QueueContext)}), or on
 * an application's DataSource ({@link #create(QueueContext, DataSource)}). A table of the previous
 * version is upgraded, and a missing table created (unless option {@code autoSetUp} is false), on
 * {@code setUp} or first use. {@link #submit(Connection, String, SubmitOptions)}
 * submits inside the caller's transaction. Thread-safe; backends with the same URL and credentials
 * (or the same DataSource) share one connection pool.
 */
public final class JdbcBackend implements QueueBackend {

    /** Failure reasons are cut to this many characters, so a row stays about the size of its payload. */
    public static final int MAX_REASON_LENGTH = 10_000;

    private final String name;
    private final String tableName;
    private final Dialect dialect;
    private final SharedPool pool;
    private final Duration leaseTimeout;
    private final MessageStore store;
    private final Reserver reserver;
    private final QueueCapabilities capabilities;
    private final WorkersTable workers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcBackend(QueueContext context, String tableName, Duration pollInterval, boolean autoSetUp, Dialect dialect,
            SharedPool pool) {
        this.name = context.name();
        this.tableName = tableName;
        this.dialect = dialect;
        this.pool = pool;
        this.leaseTimeout = context.leaseTimeout();
        Sql sql = new Sql(dialect, tableName);
        this.store = new MessageStore(dialect, sql, pool.dataSource(),
                new Failures(name, context.configuredName(), tableName, pool.redactedUrl(), pool.secrets(), autoSetUp),
                autoSetUp, context.retainFinished(), context.limits());
        this.reserver = new Reserver(store, pool, tableName, leaseTimeout, pollInterval);
        this.capabilities = capabilities(dialect);
        this.workers = new WorkersTable(dialect, pool.dataSource(), context.configuredName(), pool.redactedUrl(), pool.secrets(),
                autoSetUp);
    }

    /** What a backend on this dialect can do: everything, but a push wake-up only where the database pushes. */
    static QueueCapabilities capabilities(Dialect dialect) {
        QueueCapabilities all = QueueCapabilities.all("jdbc");
        return dialect.pushWakeUp() ? all : all.without(Capability.PUSH_WAKE_UP);
    }

    /**
     * A backend with a connection pool of its own (shared with the other backends of this JVM on the
     * same database), from the queue's options as {@link JdbcQueueOptions} reads them. Connects
     * nothing yet.
     *
     * @throws ConfigurationException naming the queue and the option
     */
    public static JdbcBackend create(QueueContext context) {
        JdbcQueueOptions options = JdbcQueueOptions.from(context);
        Dialect dialect = options.dialect();
        try {
            dialect.prepare(options.url());
        } catch (RuntimeException e) {
            throw new ConfigurationException("queue '" + context.configuredName() + "': " + e.getMessage(), e);
        }
        PoolKey database = new PoolKey(options.url(), options.username(), options.password(), options.poolSize(),
                options.connectionTimeout());
        SharedPool pool;
        try {
            pool = PoolRegistry.acquire(database, dialect);
        } catch (RuntimeException e) {
            // HikariCP quotes the whole URL when it finds no driver for it
            throw new ConfigurationException("queue '" + context.configuredName() + "': cannot open a connection pool for "
                    + database.maskedUrl() + ": " + database.mask(e.getMessage()), Secrets.mask(e, database.secrets()));
        }
        return new JdbcBackend(context, options.tableName(), options.pollInterval(), options.autoSetUp(), dialect, pool);
    }

    /**
     * A backend on the application's own DataSource (a pool it configured, monitors and closes):
     * the backend never closes it. Of the options only {@code tableName}, {@code pollInterval} and
     * {@code autoSetUp} (and the core's shared timeouts) apply; {@code url}, {@code username}, {@code password},
     * {@code poolSize} and the like are refused. Connects once, to learn from the connection's
     * metadata which database it is. On PostgreSQL the LISTEN for wake-ups holds one of the
     * DataSource's connections for as long as the backend waits for messages.
     *
     * <pre>{@code
     * QueueContext context = QueueContext.of("email", Map.of("leaseTimeout", 300));
     * Queue email = Queue.of(context, JdbcBackend.create(context, hikariDataSource));
     * }</pre>
     *
     * @throws ConfigurationException naming the queue, for bad options or a database this backend does not speak
     * @throws BackendException when the DataSource gives no connection
     */
    public static JdbcBackend create(QueueContext context, DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        DataSourceOptions options = DataSourceOptions.from(context);
        String url;
        String product;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            url = String.valueOf(metadata.getURL());
            product = metadata.getDatabaseProductName();
        } catch (SQLException e) {
            throw new BackendException("queue '" + context.name() + "': cannot get a connection from the DataSource "
                    + dataSource.getClass().getSimpleName() + " to learn which database it is: " + Secrets.mask(String.valueOf(e.getMessage())),
                    context.name(), Secrets.mask(e, List.of()));
        }
        Dialect dialect = Dialects.forProduct(product).orElseThrow(() -> new ConfigurationException("the DataSource of queue '"
                + context.configuredName() + "' connects to " + product + ", which the jdbc backend does not speak; it"
                + " supports " + Dialects.supportedProducts()));
        SharedPool pool = PoolRegistry.acquire(dataSource, dialect, url);
        return new JdbcBackend(context, options.tableName(), options.pollInterval(), options.autoSetUp(), dialect, pool);
    }

    @Override
    public QueueCapabilities capabilities() {
        return capabilities;
    }

    /** The table this backend keeps its messages in. */
    public String tableName() {
        return tableName;
    }

    /**
     * Creates the table and its indexes if missing and upgrades a table of the previous version, and
     * creates the workers table ({@code jobqueue_workers}) if missing; never drops anything. The first
     * use does the same unless option {@code autoSetUp} is false; either way a table of those names
     * that is not a queue table (or the workers table) is refused.
     */
    @Override
    public void setUp() {
        store.createSchema();
        workers.setUp();
    }

    @Override
    public List<String> submit(List<NewMessage> messages) {
        List<Long> ids = store.insert(messages);
        if (messages.stream().anyMatch(m -> m.options().delay().isZero())) {
            reserver.wakeReservers();
        }
        return ids.stream().map(String::valueOf).toList();
    }

    /**
     * In one transaction per call: each message's key row in {@code <table>__unique} is inserted
     * unless it exists, then locked; a holder still in its scope makes the message a duplicate,
     * otherwise the message is inserted and the row points at it.
     */
    @Override
    public List<Submitted> submitUnique(List<NewMessage> messages) {
        List<Submitted> submitted = store.submitUnique(messages);
        for (int i = 0; i < messages.size(); i++) {
            if (!submitted.get(i).duplicate() && messages.get(i).options().delay().isZero()) {
                reserver.wakeReservers();
                break;
            }
        }
        return submitted;
    }

    @Override
    public Optional<String> findUnique(String uniqueKey) {
        return store.findUnique(uniqueKey);
    }

    /**
     * Submits on the caller's connection, inside the caller's transaction: the message exists
     * exactly when that transaction commits. Nothing is committed or closed here. On PostgreSQL the
     * NOTIFY is part of the transaction too, so reservers wake on commit; elsewhere they find the
     * message at their next poll. The headers are checked as the core's {@code Queue} checks them.
     *
     * @return the new message's id (visible to others once the caller commits)
     * @throws IllegalArgumentException when a header breaks the rules of {@link Headers}
     */
    public String submit(Connection connection, String payload, SubmitOptions submitOptions) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(payload, "payload");
        Headers.check(name, submitOptions.headers());
        refuseUniqueKey(submitOptions);
        return String.valueOf(store.insert(connection, List.of(new NewMessage(payload, submitOptions))).get(0));
    }

    /**
     * Submits many messages on the caller's connection, inside the caller's transaction, as
     * {@link #submit(Connection, String, SubmitOptions)} submits one: all exist exactly when that
     * transaction commits; nothing is committed or closed here.
     *
     * @return the new messages' ids in order
     * @throws IllegalArgumentException when a header breaks the rules of {@link Headers}
     */
    public List<String> submitAll(Connection connection, List<NewMessage> messages) {
        Objects.requireNonNull(connection, "connection");
        for (NewMessage message : messages) {
            Headers.check(name, message.options().headers());
            refuseUniqueKey(message.options());
        }
        return store.insert(connection, messages).stream().map(String::valueOf).toList();
    }

    /** A unique key needs the check-and-store transaction of its own that {@link #submitUnique} runs. */
    private void refuseUniqueKey(SubmitOptions options) {
        if (options.uniqueKey().isPresent()) {
            throw new IllegalArgumentException("a message with a unique key cannot be submitted on the caller's connection"
                    + " (queue '" + name + "'): its check takes a transaction of its own; use Queue.offer");
        }
    }

    @Override
    public List<Message> reserve(int max, Duration timeout) {
        return reserver.reserve(max, timeout);
    }

    @Override
    public Set<String> finish(List<Message> messages) {
        return freedPlaces(store.finish(messages));
    }

    /** With a concurrency limit, a reservation that ended may let a waiting reserver take the next message of its key. */
    private Set<String> freedPlaces(Set<String> ended) {
        if (!ended.isEmpty() && store.limitsConcurrency()) {
            reserver.wakeReservers();
        }
        return ended;
    }

    @Override
    public Set<String> release(List<Message> messages, ReleaseOptions options) {
        Set<String> released = store.release(messages, options.delay().toMillis(), options.priority(), options.attempt());
        if (!released.isEmpty() && (options.delay().isZero() || store.limitsConcurrency())) {
            reserver.wakeReservers();
        }
        return released;
    }

    @Override
    public Set<String> abort(List<Abort> aborts) {
        return freedPlaces(store.abort(aborts, MAX_REASON_LENGTH));
    }

    @Override
    public Set<String> extendLeases(List<Message> messages) {
        return store.extend(messages, leaseTimeout.toMillis());
    }

    @Override
    public List<Message> peek(int limit) {
        reserver.maybeSweep();
        return store.peek(limit);
    }

    @Override
    public QueueCounts counts() {
        reserver.maybeSweep();
        return store.counts();
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        return store.listFailed(limit);
    }

    /** Ready rows whose due time lies ahead on the database clock, soonest first. */
    @Override
    public List<DelayedMessage> listDelayed(int limit) {
        return store.listDelayed(limit);
    }

    /**
     * One SELECT by primary key, states and times on the database clock. An id that is not a row id as
     * this backend prints it is not found without a statement.
     */
    @Override
    public Optional<MessageInfo> find(String id) {
        Long rowId = MessageIds.parseExact(id);
        return rowId == null ? Optional.empty() : store.find(rowId);
    }

    /**
     * One or two statements by primary key per id, in one transaction; ids that are not row ids as
     * this backend prints them are left out without a statement.
     */
    @Override
    public Set<String> cancel(List<String> ids) {
        List<Long> rowIds = new ArrayList<>(ids.size());
        for (String id : ids) {
            Long rowId = MessageIds.parseExact(id);
            if (rowId != null) {
                rowIds.add(rowId);
            }
        }
        return rowIds.isEmpty() ? Set.of() : freedPlaces(store.cancel(rowIds));
    }

    /** One upsert into {@code jobqueue_workers}; about once a minute also a bounded delete of expired rows. */
    @Override
    public void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl) {
        workers.publish(heartbeat, ttl);
    }

    @Override
    public boolean removeHeartbeat(String workerId) {
        return workers.remove(workerId);
    }

    /** The live rows of {@code jobqueue_workers} (none when the table does not exist yet). */
    @Override
    public List<WorkerHeartbeat> listHeartbeats(int limit) {
        return workers.list(limit);
    }

    /** The database (URL without credentials) and the workers table, shared by every queue there. */
    @Override
    public String heartbeatLocation() {
        return workers.location();
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
    public boolean deleteFailed(String id) {
        Long rowId = MessageIds.parse(id);
        return rowId != null && store.deleteFailed(rowId);
    }

    @Override
    public void flush() {
        store.flush();
    }

    /** Gives back the shared pool (closing it with its last backend, unless it is the application's); idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            PoolRegistry.release(pool);
        }
    }

    @Override
    public String toString() {
        return "JdbcBackend[" + name + ", " + dialect.name() + ", table " + tableName + "]";
    }
}
