package io.jobqueue.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends PostgreSQL NOTIFYs for submits that have already committed, on one daemon thread per pool.
 *
 * <p>Why not {@code pg_notify} inside the submit: a transaction that notifies holds PostgreSQL's
 * global notify lock through its commit, fsync included, so notifying submits commit one after
 * another instead of sharing a flush. Here the submit commits on its own (durably, in a group
 * commit with others) and the wake-up goes out in a separate transaction with
 * {@code synchronous_commit} off (a lost NOTIFY costs a poll, never a message). While one NOTIFY
 * is in flight, further requests are merged into the next, and NOTIFYs are at least
 * {@value #SPACING_NANOS} ns apart: the first submit after a quiet moment wakes reservers at once,
 * a burst costs at most a thousand NOTIFYs a second (each of which wakes every waiting reserver).
 * Failures are logged at debug level: waiting reservers still poll.
 */
final class PgNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgNotifier.class);
    private static final long SPACING_NANOS = 1_000_000;
    private static final String NOTIFY =
            "SELECT set_config('synchronous_commit', 'off', true), pg_notify(c, '') FROM unnest(?) AS c";

    private final DataSource dataSource;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();
    /** When the last NOTIFY went out; only the executor's one thread reads and writes it. */
    private long lastSend = System.nanoTime() - SPACING_NANOS;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jobqueue-pg-notifier");
        thread.setDaemon(true);
        return thread;
    });

    PgNotifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Asks for a NOTIFY on the channel soon; never blocks. */
    void request(String channel) {
        pending.add(channel);
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {
                running.set(false); // closed: the pool is going away
            }
        }
    }

    private void drain() {
        while (true) {
            long wait = lastSend + SPACING_NANOS - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            List<String> channels = new ArrayList<>(pending);
            pending.removeAll(channels);
            if (channels.isEmpty()) {
                running.set(false);
                // A request that came after the copy but before the flag dropped must not be stranded.
                if (pending.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            lastSend = System.nanoTime();
            send(channels);
        }
    }

    private void send(List<String> channels) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(NOTIFY)) {
            statement.setArray(1, connection.createArrayOf("text", channels.toArray()));
            statement.execute();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("NOTIFY on {} failed; waiting reservers find the messages at their next poll", channels, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
