package io.jobqueue.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One HikariCP pool with what hangs off it: a {@link WakeSignal} per queue table and, for databases
 * with push wake-ups, the single {@link PgListener} connection that turns NOTIFYs into wake-ups and
 * the {@link PgNotifier} that sends them, and the {@link PgVacuum} for servers that do not vacuum.
 * Thread-safe; opened and closed by the {@link PoolRegistry}.
 */
public final class SharedPool {

    private static final AtomicInteger NUMBER = new AtomicInteger();

    private final PoolKey key;
    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final ConcurrentMap<String, WakeSignal> signals = new ConcurrentHashMap<>();
    private PgListener listener;
    private PgNotifier notifier;
    private PgVacuum vacuum;
    private boolean closed;

    /** Guarded by the {@link PoolRegistry}'s lock. */
    int references;

    SharedPool(PoolKey key, Dialect dialect) {
        this.key = key;
        this.dialect = dialect;
        this.dataSource = new HikariDataSource(config(key, dialect));
    }

    private static HikariConfig config(PoolKey key, Dialect dialect) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("jobqueue-" + dialect.name() + "-" + NUMBER.incrementAndGet());
        config.setJdbcUrl(key.url());
        config.setUsername(key.username());
        config.setPassword(key.password());
        config.setMaximumPoolSize(key.poolSize());
        config.setMinimumIdle(1);
        long timeout = Math.max(250, key.connectionTimeout().toMillis());
        config.setConnectionTimeout(timeout);
        config.setValidationTimeout(Math.min(timeout, Duration.ofSeconds(5).toMillis()));
        // Do not connect while the queue is being built: a server that is down at start-up is
        // reported by the first operation (with the queue's name), and the worker retries.
        config.setInitializationFailTimeout(-1);
        dialect.configure(config);
        return config;
    }

    PoolKey key() {
        return key;
    }

    /** The pooled connections. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The wake-up signal of a table, shared by every queue instance on that table in this pool. */
    public WakeSignal signal(String table) {
        return signals.computeIfAbsent(table, t -> new WakeSignal());
    }

    /**
     * Makes submits from other processes wake this table's reservers, where the database can push;
     * the future completes once the database listens. Elsewhere it is complete at once.
     */
    public synchronized CompletableFuture<Void> listen(String table) {
        if (!dialect.pushWakeUp() || closed) {
            return CompletableFuture.completedFuture(null);
        }
        if (listener == null) {
            Properties properties = new Properties();
            if (key.username() != null) {
                properties.setProperty("user", key.username());
            }
            if (key.password() != null) {
                properties.setProperty("password", key.password());
            }
            listener = new PgListener(key, properties, this::wake, this::wakeAll);
        }
        return listener.listen(PostgresDialect.channel(table));
    }

    /**
     * Tells reservers in other processes that the table has new ready messages (committed already),
     * where the database can push; elsewhere they find them at their next poll.
     */
    public void announce(String table) {
        PgNotifier current;
        synchronized (this) {
            if (!dialect.pushWakeUp() || closed) {
                return;
            }
            if (notifier == null) {
                notifier = new PgNotifier(dataSource);
            }
            current = notifier;
        }
        current.request(PostgresDialect.channel(table));
    }

    /** Keeps the table small where the server does not (PostgreSQL with autovacuum off); cheap to call often. */
    public void maintain(String table) {
        PgVacuum current;
        synchronized (this) {
            if (!dialect.mayNeedVacuum() || closed) {
                return;
            }
            if (vacuum == null) {
                vacuum = new PgVacuum(dataSource, key.maskedUrl(), PgVacuum.CHECK_EVERY_NANOS);
            }
            current = vacuum;
        }
        current.request(table);
    }

    private void wake(String channel) {
        WakeSignal signal = signals.get(channel);
        if (signal != null) {
            signal.wake();
        }
    }

    private void wakeAll() {
        signals.values().forEach(WakeSignal::wake);
    }

    synchronized void close() {
        closed = true;
        if (listener != null) {
            listener.close();
        }
        if (notifier != null) {
            notifier.close();
        }
        if (vacuum != null) {
            vacuum.close();
        }
        dataSource.close();
        wakeAll();
    }
}
