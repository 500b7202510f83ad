package io.jobqueue.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jobqueue.spi.Secrets;
import io.jobqueue.spi.WakeSignal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The connections of a database with what hangs off them: a {@link WakeSignal} per queue table and,
 * for databases with push wake-ups, the single {@link PgListener} connection that turns NOTIFYs into
 * wake-ups and the {@link PgNotifier} that sends them, and the {@link PgVacuum} for servers that do
 * not vacuum. The connections are either a HikariCP pool this module opened for a {@link PoolKey}
 * (closed with the last queue) or an application's DataSource (never closed here).
 * Thread-safe; opened and closed by the {@link PoolRegistry}.
 */
public final class SharedPool {

    private static final AtomicInteger NUMBER = new AtomicInteger();

    private final Object key;
    private final Dialect dialect;
    private final DataSource dataSource;
    private final HikariDataSource ownPool;
    private final PoolKey ownKey;
    private final String redactedUrl;
    private final Set<String> secrets;
    private final ConcurrentMap<String, WakeSignal> signals = new ConcurrentHashMap<>();
    private PgListener listener;
    private PgNotifier notifier;
    private PgVacuum vacuum;
    private boolean closed;

    /** Guarded by the {@link PoolRegistry}'s lock. */
    int references;

    private SharedPool(Object key, Dialect dialect, DataSource dataSource, HikariDataSource ownPool, PoolKey ownKey,
            String url) {
        this.key = key;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.ownKey = ownKey;
        this.secrets = ownKey != null ? ownKey.secrets() : Secrets.secretsIn(url);
        this.redactedUrl = Secrets.mask(url, secrets);
    }

    /** A pool of this module for the key; nothing connects before the first use. */
    static SharedPool open(PoolKey key, Dialect dialect) {
        HikariDataSource pool = new HikariDataSource(config(key, dialect));
        return new SharedPool(key, dialect, LoginCheck.wrap(pool, key), pool, key, key.url());
    }

    /**
     * The application's DataSource, which stays the application's to close.
     *
     * @param url the URL its connections report, for messages (secrets masked)
     */
    static SharedPool given(DataSource dataSource, Dialect dialect, String url) {
        return new SharedPool(dataSource, dialect, dataSource, null, null, url);
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

    /**
     * The pool's connections, failing fast when the server refuses the login. HikariCP retries a
     * refused login like an outage until its connection timeout (10 s and more, a driver warning each
     * time); a wrong password is no outage. Until a first connection succeeds, each request for one
     * first logs in once outside the pool: a refusal (SQLSTATE class 28) is thrown at once, and for
     * {@link #RECHECK_NANOS} later requests get it again without asking the server. Any other probe
     * failure (server down) leaves the request to the pool, which waits and reconnects as before.
     * After the first success the pool is used alone. Thread-safe.
     */
    private static final class LoginCheck implements java.lang.reflect.InvocationHandler {

        private static final long RECHECK_NANOS = Duration.ofSeconds(2).toNanos();

        private final HikariDataSource pool;
        private final PoolKey key;
        private volatile boolean loggedIn;
        private SQLException refused;
        private long refusedAt;

        private LoginCheck(HikariDataSource pool, PoolKey key) {
            this.pool = pool;
            this.key = key;
        }

        static DataSource wrap(HikariDataSource pool, PoolKey key) {
            if (key.url().startsWith("jdbc:sqlite:")) {
                return pool; // a file: no login to refuse
            }
            return (DataSource) java.lang.reflect.Proxy.newProxyInstance(SharedPool.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, new LoginCheck(pool, key));
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "LoginCheck[" + pool.getPoolName() + "]";
                };
            }
            boolean connect = method.getName().equals("getConnection");
            if (connect && !loggedIn) {
                checkLogin();
            }
            try {
                Object result = method.invoke(pool, args);
                if (connect) {
                    loggedIn = true;
                }
                return result;
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private synchronized void checkLogin() throws SQLException {
            if (loggedIn) {
                return;
            }
            long now = System.nanoTime();
            if (refused != null && now - refusedAt < RECHECK_NANOS) {
                throw again(refused);
            }
            Properties properties = new Properties();
            if (key.username() != null) {
                properties.setProperty("user", key.username());
            }
            if (key.password() != null) {
                properties.setProperty("password", key.password());
            }
            long timeoutMillis = Math.min(5_000, Math.max(250, key.connectionTimeout().toMillis()));
            properties.setProperty("connectTimeout", key.url().startsWith("jdbc:postgresql:")
                    ? String.valueOf(Math.max(1, timeoutMillis / 1000)) : String.valueOf(timeoutMillis));
            try {
                DriverManager.getConnection(key.url(), properties).close();
                loggedIn = true;
                refused = null;
            } catch (SQLException e) {
                if (Failures.isLoginRefused(e)) {
                    refused = e;
                    refusedAt = now;
                    throw again(e);
                }
                // not a refused login (the server is down, say): the pool waits and reports it as before
            }
        }

        private static SQLException again(SQLException refusal) {
            return new java.sql.SQLInvalidAuthorizationSpecException(refusal.getMessage(), refusal.getSQLState(),
                    refusal.getErrorCode(), refusal);
        }
    }

    /** What the {@link PoolRegistry} finds this pool by: its {@link PoolKey}, or the application's DataSource. */
    Object key() {
        return key;
    }

    /** The connections. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The database's URL with its secrets masked, for messages. */
    public String redactedUrl() {
        return redactedUrl;
    }

    /** The literal secrets of the database (the password, those inside the URL), to mask in every text. */
    public Set<String> secrets() {
        return secrets;
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
            PgListener.Opener opener = ownKey == null ? dataSource::getConnection : this::openListenConnection;
            listener = new PgListener(opener, ownKey == null, redactedUrl, text -> Secrets.mask(text, secrets),
                    this::wake, this::wakeAll);
        }
        return listener.listen(PostgresDialect.channel(table));
    }

    /** A connection outside the pool, so LISTEN never takes one of the pool's. */
    private Connection openListenConnection() throws SQLException {
        Properties properties = new Properties();
        if (ownKey.username() != null) {
            properties.setProperty("user", ownKey.username());
        }
        if (ownKey.password() != null) {
            properties.setProperty("password", ownKey.password());
        }
        properties.setProperty("ApplicationName", "jobqueue-listener");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(ownKey.url(), properties);
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
                vacuum = new PgVacuum(dataSource, redactedUrl, PgVacuum.CHECK_EVERY_NANOS);
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

    /** Stops the threads; closes the pool when this module opened it, never an application's DataSource. */
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
        if (ownPool != null) {
            ownPool.close();
        }
        wakeAll();
    }
}
