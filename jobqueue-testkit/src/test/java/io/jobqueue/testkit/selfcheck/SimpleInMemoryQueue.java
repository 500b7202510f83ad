package io.jobqueue.testkit.selfcheck;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.OptionReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A deliberately simple, fully synchronized in-memory queue that the suite runs against to prove
 * its own tests pass on a correct implementation. Not a product: every operation holds one lock and
 * scans. A reservation hands out the id {@code <message id>.<reservation number>}, so a holder whose
 * lease ran out cannot touch the next reservation of the same message.
 */
final class SimpleInMemoryQueue implements Queue {

    private static final long POLL_NANOS = 10_000_000L;

    private final String name;
    private final QueueCapabilities capabilities;
    private final Duration leaseTimeout;
    private final Duration defaultTimeout;

    private long nextId = 1;
    private long nextOrder = 1;
    private final TreeSet<Entry> waiting = new TreeSet<>(
            Comparator.<Entry>comparingInt(e -> e.priority).thenComparingLong(e -> e.order));
    private final Map<String, Entry> reserved = new HashMap<>();
    private final Map<String, Entry> failedEntries = new LinkedHashMap<>();
    private final Map<String, FailedMessage> failed = new LinkedHashMap<>();

    private static final class Entry {
        final String id;
        final String payload;
        int priority;
        int releases;
        long order;
        long dueNanos;
        int reservations;
        long leaseEndNanos;

        Entry(String id, String payload, int priority) {
            this.id = id;
            this.payload = payload;
            this.priority = priority;
        }

        Message message(String handedOutId) {
            return new Message(handedOutId, payload, releases);
        }
    }

    SimpleInMemoryQueue(String name, Map<String, Object> options, QueueCapabilities capabilities) {
        OptionReader reader = new OptionReader(name, options);
        this.name = name;
        this.capabilities = capabilities;
        this.leaseTimeout = reader.seconds("leaseTimeout", Duration.ofSeconds(60));
        this.defaultTimeout = reader.seconds("defaultTimeout", Duration.ofSeconds(60));
        reader.done();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public QueueCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void setUp() {
    }

    @Override
    public synchronized String submit(String payload, SubmitOptions options) {
        Entry entry = new Entry(String.valueOf(nextId++), payload, options.priority());
        makeWaiting(entry, options.delay());
        return entry.id;
    }

    @Override
    public synchronized Optional<Message> waitAndTake(Duration timeout) {
        return awaitReady(timeout).map(entry -> {
            waiting.remove(entry);
            return entry.message(entry.id);
        });
    }

    @Override
    public synchronized Optional<Message> waitAndReserve(Duration timeout) {
        return awaitReady(timeout).map(entry -> {
            waiting.remove(entry);
            entry.reservations++;
            entry.leaseEndNanos = System.nanoTime() + leaseTimeout.toNanos();
            String reservationId = entry.id + "." + entry.reservations;
            reserved.put(reservationId, entry);
            return entry.message(reservationId);
        });
    }

    @Override
    public synchronized boolean release(String id, ReleaseOptions options) {
        expireLeases();
        Entry entry = reserved.remove(id);
        if (entry == null) {
            return false;
        }
        entry.releases++;
        if (options.priority() != null) {
            entry.priority = options.priority();
        }
        makeWaiting(entry, options.delay());
        return true;
    }

    @Override
    public synchronized boolean abort(String id, String reason) {
        expireLeases();
        Entry entry = reserved.remove(id);
        if (entry == null) {
            return false;
        }
        failedEntries.put(entry.id, entry);
        failed.put(entry.id, new FailedMessage(entry.message(entry.id), reason, Instant.now()));
        return true;
    }

    @Override
    public synchronized boolean finish(String id) {
        expireLeases();
        return reserved.remove(id) != null;
    }

    @Override
    public synchronized boolean extendLease(String id) {
        expireLeases();
        Entry entry = reserved.get(id);
        if (entry == null) {
            return false;
        }
        entry.leaseEndNanos = System.nanoTime() + leaseTimeout.toNanos();
        return true;
    }

    @Override
    public Duration leaseTimeout() {
        return leaseTimeout;
    }

    @Override
    public synchronized List<Message> peek(int limit) {
        expireLeases();
        List<Message> messages = new ArrayList<>();
        long now = System.nanoTime();
        for (Iterator<Entry> it = waiting.iterator(); it.hasNext() && messages.size() < limit; ) {
            Entry entry = it.next();
            if (entry.dueNanos - now <= 0) {
                messages.add(entry.message(entry.id));
            }
        }
        return messages;
    }

    @Override
    public synchronized long countReady() {
        expireLeases();
        long now = System.nanoTime();
        return waiting.stream().filter(e -> e.dueNanos - now <= 0).count();
    }

    @Override
    public synchronized long countReserved() {
        expireLeases();
        return reserved.size();
    }

    @Override
    public synchronized long countFailed() {
        return failed.size();
    }

    @Override
    public synchronized List<FailedMessage> listFailed(int limit) {
        return failed.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized boolean retryFailed(String id) {
        Entry entry = failedEntries.remove(id);
        if (entry == null) {
            return false;
        }
        failed.remove(id);
        entry.releases = 0;
        makeWaiting(entry, Duration.ZERO);
        return true;
    }

    @Override
    public synchronized void flush() {
        waiting.clear();
        reserved.clear();
        failedEntries.clear();
        failed.clear();
    }

    private void makeWaiting(Entry entry, Duration delay) {
        entry.order = nextOrder++;
        entry.dueNanos = System.nanoTime() + delay.toNanos();
        waiting.add(entry);
        notifyAll();
    }

    private void expireLeases() {
        long now = System.nanoTime();
        for (Iterator<Entry> it = reserved.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.leaseEndNanos - now <= 0) {
                it.remove();
                entry.releases++;
                makeWaiting(entry, Duration.ZERO);
            }
        }
    }

    /** Waits (holding the monitor only while checking) until an entry is ready; zero polls once. */
    private Optional<Entry> awaitReady(Duration timeout) {
        Duration wait = timeout == null ? defaultTimeout : timeout;
        long deadline = System.nanoTime() + Math.min(wait.toNanos(), Long.MAX_VALUE / 4);
        while (true) {
            expireLeases();
            long now = System.nanoTime();
            for (Entry entry : waiting) {
                if (entry.dueNanos - now <= 0) {
                    return Optional.of(entry);
                }
            }
            long remaining = deadline - now;
            if (remaining <= 0) {
                return Optional.empty();
            }
            try {
                long nanos = Math.min(remaining, POLL_NANOS);
                wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
