package io.jobqueue.redis;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.redis.internal.RedisSettings;
import io.jobqueue.redis.internal.RedisStore;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A queue in Redis (a single server, or the master a Sentinel names), shared safely by any number
 * of threads and processes. Every move is one Lua script, so a crash never leaves a message half
 * moved; due times and lease deadlines come from the server's clock. Honours delays, priorities
 * (smaller first, FIFO within a priority) and leases, keeps failed messages with their reason, and
 * wakes waiting reservers through Pub/Sub instead of polling. Alias {@code redis}; see
 * {@code docs/redis.md} for the options and the key layout.
 */
public final class RedisQueue implements Queue {

    private static final QueueCapabilities CAPABILITIES = QueueCapabilities.all("redis");

    private final String name;
    private final RedisSettings settings;
    private final RedisStore store;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisQueue(String name, RedisSettings settings) {
        this.name = name;
        this.settings = settings;
        this.store = new RedisStore(name, settings);
    }

    /**
     * Builds a queue from its settings and connects to the server.
     *
     * @throws io.jobqueue.ConfigurationException for a bad option or credentials the server refuses
     * @throws io.jobqueue.BackendException when the server cannot be reached
     */
    public static RedisQueue create(QueueContext context) {
        return new RedisQueue(context.name(), RedisSettings.read(context));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public QueueCapabilities capabilities() {
        return CAPABILITIES;
    }

    /**
     * Checks that the server answers and that the queue's keys, where they exist, hold what the queue
     * writes there (see {@code docs/redis.md}, "What the queue touches"); Redis needs nothing created
     * in advance.
     *
     * @throws io.jobqueue.ConfigurationException naming the key when one is not the queue's
     */
    @Override
    public void setUp() {
        store.setUp();
    }

    @Override
    public Duration leaseTimeout() {
        return settings.leaseTimeout();
    }

    @Override
    public String submit(String payload, SubmitOptions options) {
        Objects.requireNonNull(payload, "payload");
        return submitAll(List.of(payload), options).get(0);
    }

    /**
     * Submits in chunks of 500 payloads per script call, all chunks pipelined in one round trip. Each
     * chunk is atomic; when the connection fails midway, the chunks before the failure stay submitted.
     */
    @Override
    public List<String> submitAll(List<String> payloads, SubmitOptions options) {
        if (payloads.isEmpty()) {
            return List.of();
        }
        return store.submit(payloads, options.priority(), millis(options.delay()));
    }

    @Override
    public Optional<Message> waitAndTake(Duration timeout) {
        List<Message> taken = await(1, timeout, true);
        return taken.isEmpty() ? Optional.empty() : Optional.of(taken.get(0));
    }

    @Override
    public Optional<Message> waitAndReserve(Duration timeout) {
        List<Message> reserved = await(1, timeout, false);
        return reserved.isEmpty() ? Optional.empty() : Optional.of(reserved.get(0));
    }

    /** Reserves up to {@code max} messages in one script call as soon as one is ready. */
    @Override
    public List<Message> waitAndReserve(int max, Duration timeout) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        return await(max, timeout, false);
    }

    @Override
    public boolean release(String id, ReleaseOptions options) {
        return store.release(id, millis(options.delay()), options.priority());
    }

    @Override
    public boolean abort(String id, String reason) {
        return store.abort(id, reason);
    }

    @Override
    public boolean finish(String id) {
        return store.finish(List.of(id)) == 1;
    }

    @Override
    public int finishAll(Collection<String> ids) {
        return store.finish(ids);
    }

    @Override
    public boolean extendLease(String id) {
        return store.extend(List.of(id), settings.leaseTimeout().toMillis()) == 1;
    }

    @Override
    public int extendLeases(Collection<String> ids) {
        return store.extend(ids, settings.leaseTimeout().toMillis());
    }

    @Override
    public List<Message> peek(int limit) {
        return limit < 1 ? List.of() : store.peek(limit);
    }

    @Override
    public long countReady() {
        return store.counts()[0];
    }

    @Override
    public long countReserved() {
        return store.counts()[1];
    }

    @Override
    public long countFailed() {
        return store.counts()[2];
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        return limit < 1 ? List.of() : store.failed(limit);
    }

    @Override
    public boolean retryFailed(String id) {
        return store.retry(id);
    }

    /**
     * Deletes this queue's keys (listed in {@code docs/redis.md}) and nothing else, after checking in
     * the same atomic step that each is the queue's.
     *
     * @throws io.jobqueue.ConfigurationException naming the key when one is not the queue's; nothing is deleted then
     */
    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            store.close();
        }
    }

    @Override
    public String toString() {
        return settings.mask("RedisQueue[" + name + " at " + settings.address() + "]");
    }

    /**
     * Runs the reserve script until it returns messages or the timeout passes. Between attempts it
     * sleeps on the queue's wake-up channel, at most until the next delayed message is due or lease
     * runs out, and at most one lease (a reservation made elsewhere meanwhile may expire by then).
     */
    private List<Message> await(int max, Duration timeout, boolean take) {
        long waitNanos = (timeout == null ? settings.defaultTimeout() : timeout).toNanos();
        long deadline = System.nanoTime() + waitNanos;
        long leaseMillis = settings.leaseTimeout().toMillis();
        if (waitNanos > 0) {
            store.prepareToWait();
        }
        while (true) {
            long seen = store.generation();
            RedisStore.Reserved reserved = store.reserve(max, leaseMillis, take);
            if (!reserved.messages().isEmpty()) {
                return reserved.messages();
            }
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                return List.of();
            }
            long pause = Math.min(TimeUnit.NANOSECONDS.toMillis(leftNanos) + 1, leaseMillis);
            if (reserved.nextEventMillis() >= 0) {
                pause = Math.min(pause, reserved.nextEventMillis());
            }
            try {
                store.awaitChange(seen, Math.max(1, pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    /** Whole milliseconds, rounded up so a positive delay never becomes zero. */
    private static long millis(Duration duration) {
        long millis = duration.toMillis();
        return duration.isZero() || millis * 1_000_000L == duration.toNanos() ? millis : millis + 1;
    }
}
