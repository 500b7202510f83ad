package io.jobqueue.memory;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.QueueContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reference queue: everything in this JVM's memory, nothing survives a restart. Thread-safe;
 * honours delays, priorities, leases and keeps failed messages. Waiting reservers block on a
 * condition and are woken by submits and by the next due time, never by spinning.
 *
 * <p>Use it in tests (it is what the conformance suite is proven against) and for work that may
 * be lost with the process. Alias {@code memory}; options {@code defaultTimeout} (default 60 s)
 * and {@code leaseTimeout} (default 60 s).
 */
public final class InMemoryQueue implements Queue {

    /** Default wait of {@code waitAndReserve(null)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Default reservation lease. */
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(60);

    private static final QueueCapabilities CAPABILITIES = QueueCapabilities.all("memory").withoutPushWakeUp();
    private static final Comparator<Entry> READY_ORDER = (a, b) -> a.priority != b.priority
            ? Integer.compare(a.priority, b.priority) : Long.compare(a.sequence, b.sequence);
    private static final Comparator<Entry> DUE_ORDER = (a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.sequence, b.sequence);

    private final String name;
    private final Duration defaultTimeout;
    private final Duration leaseTimeout;
    private final Clock wallClock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong ids = new AtomicLong();
    private long sequence;

    private final Map<String, Entry> all = new HashMap<>();
    private final PriorityQueue<Entry> ready = new PriorityQueue<>(READY_ORDER);
    private final PriorityQueue<Entry> delayed = new PriorityQueue<>(DUE_ORDER);
    private final Map<String, Entry> reserved = new LinkedHashMap<>();
    private final Map<String, FailedMessage> failed = new LinkedHashMap<>();

    /** A queue with default timeouts. */
    public InMemoryQueue(String name) {
        this(name, DEFAULT_TIMEOUT, DEFAULT_LEASE_TIMEOUT);
    }

    public InMemoryQueue(String name, Duration defaultTimeout, Duration leaseTimeout) {
        this.name = name;
        this.defaultTimeout = defaultTimeout;
        this.leaseTimeout = leaseTimeout;
        this.wallClock = Clock.systemUTC();
    }

    /** Builds a queue from settings; used by the queue manager for {@code className: memory}. */
    public static InMemoryQueue create(QueueContext context) {
        OptionReader options = context.options();
        Duration defaultTimeout = options.seconds("defaultTimeout", DEFAULT_TIMEOUT);
        Duration leaseTimeout = options.seconds("leaseTimeout", DEFAULT_LEASE_TIMEOUT);
        options.done();
        return new InMemoryQueue(context.name(), defaultTimeout, leaseTimeout);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public QueueCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void setUp() {
        // nothing to prepare
    }

    @Override
    public Duration leaseTimeout() {
        return leaseTimeout;
    }

    @Override
    public String submit(String payload, SubmitOptions options) {
        return submitAll(List.of(payload), options).get(0);
    }

    @Override
    public List<String> submitAll(List<String> payloads, SubmitOptions options) {
        List<String> result = new ArrayList<>(payloads.size());
        lock.lock();
        try {
            long now = System.nanoTime();
            for (String payload : payloads) {
                String id = Long.toString(ids.incrementAndGet());
                Entry entry = new Entry(id, payload, options.priority());
                entry.sequence = ++sequence;
                all.put(id, entry);
                schedule(entry, options.delay(), now);
                result.add(id);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return result;
    }

    @Override
    public Optional<Message> waitAndTake(Duration timeout) {
        lock.lock();
        try {
            List<Entry> taken = awaitReady(1, timeout);
            if (taken.isEmpty()) {
                return Optional.empty();
            }
            Entry entry = taken.get(0);
            all.remove(entry.id);
            return Optional.of(entry.toMessage());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Message> waitAndReserve(Duration timeout) {
        List<Message> messages = waitAndReserve(1, timeout);
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(0));
    }

    @Override
    public List<Message> waitAndReserve(int max, Duration timeout) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        lock.lock();
        try {
            List<Entry> taken = awaitReady(max, timeout);
            List<Message> messages = new ArrayList<>(taken.size());
            long leaseEnd = System.nanoTime() + leaseTimeout.toNanos();
            for (Entry entry : taken) {
                entry.leaseEndNanos = leaseEnd;
                reserved.put(entry.id, entry);
                messages.add(entry.toMessage());
            }
            return messages;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean release(String id, ReleaseOptions options) {
        lock.lock();
        try {
            expireLeases(System.nanoTime());
            Entry entry = reserved.remove(id);
            if (entry == null) {
                return false;
            }
            entry.releases++;
            if (options.priority() != null) {
                entry.priority = options.priority();
            }
            entry.sequence = ++sequence;
            schedule(entry, options.delay(), System.nanoTime());
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean abort(String id, String reason) {
        lock.lock();
        try {
            expireLeases(System.nanoTime());
            Entry entry = reserved.remove(id);
            if (entry == null) {
                return false;
            }
            failed.put(id, new FailedMessage(entry.toMessage(), reason, wallClock.instant()));
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean finish(String id) {
        lock.lock();
        try {
            expireLeases(System.nanoTime());
            Entry entry = reserved.remove(id);
            if (entry == null) {
                return false;
            }
            all.remove(id);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int finishAll(Collection<String> messageIds) {
        lock.lock();
        try {
            expireLeases(System.nanoTime());
            int finished = 0;
            for (String id : messageIds) {
                if (reserved.remove(id) != null) {
                    all.remove(id);
                    finished++;
                }
            }
            return finished;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean extendLease(String id) {
        lock.lock();
        try {
            expireLeases(System.nanoTime());
            Entry entry = reserved.get(id);
            if (entry == null) {
                return false;
            }
            entry.leaseEndNanos = System.nanoTime() + leaseTimeout.toNanos();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Message> peek(int limit) {
        lock.lock();
        try {
            promote(System.nanoTime());
            List<Entry> copy = new ArrayList<>(ready);
            copy.sort(READY_ORDER);
            return copy.stream().limit(limit).map(Entry::toMessage).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long countReady() {
        lock.lock();
        try {
            promote(System.nanoTime());
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Duration> oldestReadyAge() {
        lock.lock();
        try {
            long now = System.nanoTime();
            promote(now);
            return ready.stream().mapToLong(e -> e.readySinceNanos).min().stream()
                    .mapToObj(since -> Duration.ofNanos(Math.max(0, now - since))).findFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long countReserved() {
        lock.lock();
        try {
            promote(System.nanoTime());
            return reserved.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long countFailed() {
        lock.lock();
        try {
            return failed.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        lock.lock();
        try {
            return failed.values().stream().limit(limit).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean retryFailed(String id) {
        lock.lock();
        try {
            if (failed.remove(id) == null) {
                return false;
            }
            Entry entry = all.get(id);
            entry.releases = 0;
            entry.sequence = ++sequence;
            schedule(entry, Duration.ZERO, System.nanoTime());
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        lock.lock();
        try {
            all.clear();
            ready.clear();
            delayed.clear();
            reserved.clear();
            failed.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryQueue[" + name + "]";
    }

    /** Waits (holding the lock between checks) until a message is ready or the timeout passes. */
    private List<Entry> awaitReady(int max, Duration timeout) {
        long waitNanos = (timeout == null ? defaultTimeout : timeout).toNanos();
        long deadline = System.nanoTime() + waitNanos;
        while (true) {
            long now = System.nanoTime();
            promote(now);
            if (!ready.isEmpty()) {
                List<Entry> taken = new ArrayList<>(Math.min(max, ready.size()));
                while (taken.size() < max && !ready.isEmpty()) {
                    taken.add(ready.poll());
                }
                return taken;
            }
            long remaining = deadline - now;
            if (remaining <= 0) {
                return List.of();
            }
            long untilNextEvent = nanosUntilNextEvent(now);
            try {
                changed.awaitNanos(Math.min(remaining, untilNextEvent));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    private long nanosUntilNextEvent(long now) {
        long next = Long.MAX_VALUE;
        Entry firstDelayed = delayed.peek();
        if (firstDelayed != null) {
            next = firstDelayed.dueNanos - now;
        }
        for (Entry entry : reserved.values()) {
            next = Math.min(next, entry.leaseEndNanos - now);
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), next);
    }

    /** Moves due delayed messages and expired reservations to ready. */
    private void promote(long now) {
        while (!delayed.isEmpty() && delayed.peek().dueNanos <= now) {
            Entry entry = delayed.poll();
            entry.readySinceNanos = entry.dueNanos;
            ready.add(entry);
        }
        expireLeases(now);
    }

    private void expireLeases(long now) {
        if (reserved.isEmpty()) {
            return;
        }
        var it = reserved.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (entry.leaseEndNanos <= now) {
                it.remove();
                entry.releases++;
                entry.sequence = ++sequence;
                entry.readySinceNanos = entry.leaseEndNanos;
                ready.add(entry);
            }
        }
    }

    private void schedule(Entry entry, Duration delay, long now) {
        if (delay.isZero()) {
            entry.readySinceNanos = now;
            ready.add(entry);
        } else {
            entry.dueNanos = now + delay.toNanos();
            delayed.add(entry);
        }
    }

    /** A message's mutable state, guarded by the queue's lock. */
    private static final class Entry {
        final String id;
        final String payload;
        int priority;
        int releases;
        long sequence;
        long dueNanos;
        long leaseEndNanos;
        long readySinceNanos;

        Entry(String id, String payload, int priority) {
            this.id = id;
            this.payload = payload;
            this.priority = priority;
        }

        Message toMessage() {
            return new Message(id, payload, releases);
        }
    }
}
