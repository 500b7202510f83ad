package io.jobqueue.jdbc.internal;

import io.jobqueue.BackendException;
import io.jobqueue.Message;
import io.jobqueue.spi.WaitLoop;
import io.jobqueue.spi.WakeSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The waiting side of a queue: claims rows through {@link WaitLoop#poll}, which waits on the
 * table's {@link WakeSignal} (woken by local submits and, on PostgreSQL, by NOTIFY) for at most one
 * poll interval before it looks again. Also recovers expired reservations, at most every second (or
 * every half lease, when that is shorter), before claims, peeks and counts, and then prunes the
 * finished rows a retention keeps, so an idle queue's history shrinks too. Thread-safe.
 */
public final class Reserver {

    private static final Logger LOG = LoggerFactory.getLogger(Reserver.class);

    /** The longest a first reserve waits for its LISTEN to start. */
    private static final Duration LISTEN_WAIT = Duration.ofSeconds(2);

    private final MessageStore store;
    private final SharedPool pool;
    private final String table;
    private final WakeSignal signal;
    private final long leaseMillis;
    private final Duration pollInterval;
    private final long sweepEveryNanos;
    private final AtomicLong lastSweep;

    public Reserver(MessageStore store, SharedPool pool, String table, Duration leaseTimeout, Duration pollInterval) {
        this.store = store;
        this.pool = pool;
        this.table = table;
        this.signal = pool.signal(table);
        this.leaseMillis = leaseTimeout.toMillis();
        this.pollInterval = pollInterval;
        this.sweepEveryNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(TimeUnit.SECONDS.toNanos(1), leaseTimeout.toNanos() / 2));
        this.lastSweep = new AtomicLong(System.nanoTime() - sweepEveryNanos);
    }

    /** Wakes this table's reservers: in this JVM at once, in other processes where the database can push. */
    public void wakeReservers() {
        signal.wake();
        pool.announce(table);
    }

    /**
     * Claims up to {@code max} messages, waiting up to {@code wait} for the first; zero polls once.
     * Returns an empty list on timeout or when the thread is interrupted (with its flag set again).
     */
    public List<Message> reserve(int max, Duration wait) {
        awaitListening(pool.listen(table), wait);
        return WaitLoop.poll(wait, signal, pollInterval, store::nanosUntilClaimsAllowed, () -> claim(max));
    }

    private List<Message> claim(int max) {
        List<ClaimedRow> rows;
        try {
            sweepBeforeClaim();
            rows = store.claim(max, leaseMillis);
        } catch (BackendException e) {
            if (Thread.currentThread().isInterrupted()) {
                return List.of(); // the pool gives up a connection wait when interrupted; that is no failure
            }
            throw e;
        }
        List<Message> messages = new ArrayList<>(rows.size());
        rows.forEach(row -> messages.add(row.toMessage()));
        return messages;
    }

    /**
     * {@link #maybeSweep} before a claim: a failure of the sweep (a deadlock with concurrent claims on
     * MariaDB, say) must not fail the claim, which needs no sweep to go on; the next sweep, a second
     * later, recovers what this one did not. A database that is down fails the claim right after.
     */
    private void sweepBeforeClaim() {
        try {
            maybeSweep();
        } catch (BackendException e) {
            LOG.debug("Recovering expired reservations of table {} failed; the next sweep tries again: {}", table,
                    e.getMessage());
        }
    }

    /** Puts expired reservations back to ready, unless that was done a moment ago. */
    public void maybeSweep() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last >= sweepEveryNanos && lastSweep.compareAndSet(last, now)) {
            store.sweep();
            store.maybePruneFinished();
            pool.maintain(table);
        }
    }

    /**
     * Gives the LISTEN a moment to start before the first poll, so a submit right after it is not
     * missed; if the listener cannot connect, polling still finds the message.
     */
    private static void awaitListening(CompletableFuture<Void> listening, Duration wait) {
        if (listening.isDone() || wait.isZero()) {
            return;
        }
        try {
            listening.get(wait.compareTo(LISTEN_WAIT) < 0 ? wait.toMillis() : LISTEN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // polling is the safety net
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
