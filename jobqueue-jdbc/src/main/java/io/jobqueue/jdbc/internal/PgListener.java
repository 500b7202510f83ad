package io.jobqueue.jdbc.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL connection, outside the pool, that LISTENs on the channels of a pool's queues and
 * reports every NOTIFY on a daemon thread. When the connection breaks (a server restart, a
 * terminated backend) it logs once, reconnects with backoff (0.5 s doubling to 30 s), LISTENs
 * again and wakes every reserver, since notifications sent meanwhile are lost; reservers poll every
 * {@code pollInterval} in the meantime. {@link #close()} is idempotent.
 */
final class PgListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    private static final int POLL_MILLIS = 250;
    private static final long HEALTH_CHECK_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final PoolKey database;
    private final Properties properties;
    private final Consumer<String> onNotification;
    private final Runnable onReconnect;
    private final Map<String, CompletableFuture<Void>> channels = new ConcurrentHashMap<>();
    private final Queue<String> pending = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private Connection connection;

    PgListener(PoolKey database, Properties properties, Consumer<String> onNotification, Runnable onReconnect) {
        this.database = database;
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.properties.setProperty("ApplicationName", "jobqueue-listener");
        this.properties.setProperty("tcpKeepAlive", "true");
        this.properties.setProperty("connectTimeout", "10");
        this.properties.setProperty("socketTimeout", "60");
        this.onNotification = onNotification;
        this.onReconnect = onReconnect;
        this.thread = new Thread(this::run, "jobqueue-pg-listener");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** LISTENs on the channel; the future completes once the server confirmed it. */
    CompletableFuture<Void> listen(String channel) {
        return channels.computeIfAbsent(channel, c -> {
            pending.add(c);
            return new CompletableFuture<>();
        });
    }

    private void run() {
        long backoff = 0;
        boolean down = false;
        long lastCheck = System.nanoTime();
        while (!closed) {
            try {
                if (connection == null) {
                    connection = DriverManager.getConnection(database.url(), properties);
                    for (String channel : channels.keySet()) {
                        listenNow(channel);
                    }
                    if (down) {
                        LOG.info("LISTEN connection to {} is back; push wake-ups work again", database.maskedUrl());
                    }
                    down = false;
                    backoff = 0;
                    onReconnect.run();
                }
                for (String channel = pending.poll(); channel != null; channel = pending.poll()) {
                    listenNow(channel);
                }
                PGNotification[] notifications =
                        connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null && notifications.length > 0) {
                    for (PGNotification notification : notifications) {
                        onNotification.accept(notification.getName());
                    }
                    lastCheck = System.nanoTime();
                } else if (System.nanoTime() - lastCheck > HEALTH_CHECK_NANOS) {
                    // A silent network failure does not break a waiting read; a query does.
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SELECT 1");
                    }
                    lastCheck = System.nanoTime();
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                if (!down) {
                    LOG.warn("LISTEN connection to {} failed ({}); reservers poll every pollInterval until it is"
                            + " back; reconnecting with backoff", database.maskedUrl(), database.mask(String.valueOf(e.getMessage())));
                    down = true;
                }
                closeConnection();
                backoff = backoff == 0 ? 500 : Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                pause(backoff);
            }
        }
        closeConnection();
    }

    private void listenNow(String channel) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN \"" + channel + "\"");
        }
        channels.get(channel).complete(null);
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is broken or being dropped; nothing more to release
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

