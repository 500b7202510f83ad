package io.jobqueue.jdbc.internal;

import io.jobqueue.spi.Backoff;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL connection that LISTENs on the channels of a pool's queues and reports every
 * NOTIFY on a daemon thread. The connection is opened outside the pool for a pool of this module,
 * or borrowed for good from an application's DataSource. When it breaks (a server restart, a
 * terminated backend) it logs once, reconnects with {@link Backoff} (0.5 s doubling to 30 s, with
 * jitter), LISTENs again and wakes every reserver, since notifications sent meanwhile are lost;
 * reservers poll every {@code pollInterval} in the meantime. {@link #close()} is idempotent.
 */
final class PgListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    private static final int POLL_MILLIS = 250;
    private static final long HEALTH_CHECK_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Opens the listening connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final boolean borrowed;
    private final String redactedUrl;
    private final UnaryOperator<String> mask;
    private final Consumer<String> onNotification;
    private final Runnable onReconnect;
    private final Map<String, CompletableFuture<Void>> channels = new ConcurrentHashMap<>();
    private final Queue<String> pending = new ConcurrentLinkedQueue<>();
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private final Thread thread;
    private volatile boolean closed;
    private Connection connection;

    /**
     * @param borrowed    whether the connections come from a pool they go back to (then they UNLISTEN first)
     * @param redactedUrl the database's URL with its secrets masked, for log lines
     * @param mask        masks the database's secrets in a driver's message
     */
    PgListener(Opener opener, boolean borrowed, String redactedUrl, UnaryOperator<String> mask,
            Consumer<String> onNotification, Runnable onReconnect) {
        this.opener = opener;
        this.borrowed = borrowed;
        this.redactedUrl = redactedUrl;
        this.mask = mask;
        this.onNotification = onNotification;
        this.onReconnect = onReconnect;
        this.thread = new Thread(this::run, "jobqueue-pg-listener");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** LISTENs on the channel; the future completes once the server confirmed it. */
    CompletableFuture<Void> listen(String channel) {
        // The future is in the map before the listener thread can see the channel in pending: with
        // computeIfAbsent it was added to pending while the map did not yet hold its future.
        CompletableFuture<Void> fresh = new CompletableFuture<>();
        CompletableFuture<Void> existing = channels.putIfAbsent(channel, fresh);
        if (existing != null) {
            return existing;
        }
        pending.add(channel);
        return fresh;
    }

    private void run() {
        long lastCheck = System.nanoTime();
        while (!closed) {
            try {
                if (connection == null) {
                    connect();
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
                if (backoff.failed()) {
                    LOG.warn("LISTEN connection to {} failed ({}); reservers poll every pollInterval until it is"
                            + " back; reconnecting with backoff", redactedUrl, mask.apply(String.valueOf(e.getMessage())));
                }
                closeConnection();
                backoff.pause(Long.MAX_VALUE);
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        }
        closeConnection();
    }

    private void connect() throws SQLException {
        connection = opener.open();
        // LISTEN takes effect at commit; a borrowed connection may come without autocommit.
        connection.setAutoCommit(true);
        for (String channel : channels.keySet()) {
            listenNow(channel);
        }
        if (backoff.reset()) {
            LOG.info("LISTEN connection to {} is back; push wake-ups work again", redactedUrl);
        }
        onReconnect.run();
    }

    private void listenNow(String channel) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN \"" + channel + "\"");
        }
        CompletableFuture<Void> confirmed = channels.get(channel);
        if (confirmed != null) {
            confirmed.complete(null);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try (Connection closing = connection) {
                if (borrowed) {
                    // The connection goes back to its pool: it must not keep listening there.
                    try (Statement statement = closing.createStatement()) {
                        statement.execute("UNLISTEN *");
                    }
                }
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
