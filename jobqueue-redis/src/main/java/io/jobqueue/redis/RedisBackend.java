package io.jobqueue.redis;

import io.jobqueue.Capability;
import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.Submitted;
import io.jobqueue.WorkerHeartbeat;
import io.jobqueue.redis.internal.Millis;
import io.jobqueue.redis.internal.RedisSettings;
import io.jobqueue.redis.internal.RedisStore;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.WaitLoop;
import io.jobqueue.spi.WakeSignal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A queue in Redis (a single server, the master a Sentinel names, or a Cluster), shared safely by
 * any number of threads and processes. Every move is one Lua script, so a crash never leaves a
 * message half moved; due times and lease deadlines come from the server's clock. Each reservation
 * gets a fencing token (the message's own reservation counter), and finish, release, abort and
 * extend act only under the current token of an unexpired lease. Declares every capability but
 * {@code oldestReadyAge} (the ready set is ordered by priority and id and keeps no time a message
 * became ready); with {@code retainFinished} it keeps finished messages in a history of the queue's
 * own, pruned by finish and reserve. Unique keys are checked and taken in the submit script; the
 * options {@code concurrencyLimit} and {@code rateLimit} are enforced in the reserve script, on the
 * server, for all processes (a queue without them runs the scripts of before). Wakes waiting
 * reservers through Pub/Sub instead of polling. Alias {@code redis}; see
 * {@code docs/redis.md} for the options and the key layout.
 */
public final class RedisBackend implements QueueBackend {

    static final QueueCapabilities CAPABILITIES = QueueCapabilities.all("redis").without(Capability.OLDEST_READY_AGE);

    private final RedisSettings settings;
    private final String name;
    private final long leaseMillis;
    private final Duration leaseTimeout;
    private final RedisStore store;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisBackend(QueueContext context, RedisSettings settings) {
        this.settings = settings;
        this.name = context.name();
        this.leaseTimeout = context.leaseTimeout();
        this.leaseMillis = Millis.roundedUp(leaseTimeout);
        this.store = new RedisStore(name, settings, context.retainFinished(), context.limits());
    }

    /**
     * Builds a backend from its context and connects to the server. A server that cannot be reached
     * does not stop the build: each call tries to connect again until it can, and throws a
     * {@link io.jobqueue.BackendException} naming the queue and the server meanwhile (so a worker
     * started while Redis is down retries with its backoff, as with the other backends).
     *
     * @throws io.jobqueue.ConfigurationException for a bad option or credentials the server refuses
     */
    public static RedisBackend create(QueueContext context) {
        return new RedisBackend(context, RedisSettings.read(context));
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
     * @throws io.jobqueue.BackendException when the server cannot be reached (call again to retry)
     */
    @Override
    public void setUp() {
        store.setUp();
    }

    /**
     * Submits in chunks of 500 messages per script call, all chunks pipelined in one round trip. Each
     * chunk is atomic; when the connection fails midway, the chunks before the failure stay submitted.
     */
    @Override
    public List<String> submit(List<NewMessage> messages) {
        return store.submit(messages);
    }

    /**
     * One script call per 500 messages (pipelined, in order): the check of each unique key and the
     * store are one atomic step on the server; see {@code docs/redis.md}, "Unique keys".
     */
    @Override
    public List<Submitted> submitUnique(List<NewMessage> messages) {
        return store.submitUnique(messages);
    }

    /** One script call that changes nothing. */
    @Override
    public Optional<String> findUnique(String uniqueKey) {
        return store.findUnique(uniqueKey);
    }

    /**
     * Runs the reserve script (up to {@code max} messages in one call) until it returns messages or
     * the timeout passes. Between attempts it sleeps on the queue's wake-up signal, at most until the
     * next delayed message is due or lease runs out (with a rate limit used up: until its window
     * ends), and at most one lease (a reservation made elsewhere meanwhile may expire by then). With
     * a concurrency limit, a finish, release, abort or cancel in any process wakes the reservers it
     * held back.
     */
    @Override
    public List<Message> reserve(int max, Duration timeout) {
        WakeSignal signal = timeout.isZero() ? new WakeSignal() : store.wakeSignal();
        AtomicLong nextEventMillis = new AtomicLong(-1);
        return WaitLoop.poll(timeout, signal, leaseTimeout, () -> untilNanos(nextEventMillis.get()), () -> {
            RedisStore.Reserved reserved = store.reserve(max, leaseMillis);
            nextEventMillis.set(reserved.nextEventMillis());
            return reserved.messages();
        });
    }

    /** The nanoseconds of a script's "next event in ms" ({@code -1}: none, so no cap). */
    private static long untilNanos(long millis) {
        return millis < 0 ? Long.MAX_VALUE : Math.min(millis, Long.MAX_VALUE / 1_000_000L) * 1_000_000L;
    }

    /**
     * One fencing script per 1,000 messages, pipelined; with {@code retainFinished} on, that script
     * moves them to the queue's history and prunes at most 1,000 kept messages, instead of deleting.
     */
    @Override
    public Set<String> finish(List<Message> messages) {
        return store.finish(messages);
    }

    @Override
    public Set<String> release(List<Message> messages, ReleaseOptions options) {
        return store.release(messages, Millis.roundedUp(options.delay()), options.priority(), options.attempt());
    }

    @Override
    public Set<String> abort(List<Abort> aborts) {
        return store.abort(aborts);
    }

    @Override
    public Set<String> extendLeases(List<Message> messages) {
        return store.extend(messages, leaseMillis);
    }

    @Override
    public List<Message> peek(int limit) {
        return store.peek(limit);
    }

    /**
     * Exact at one moment, in one read-only script call; {@code oldestReadyAge} is not kept (null), so
     * the backend does not declare {@link Capability#OLDEST_READY_AGE}.
     */
    @Override
    public QueueCounts counts() {
        return store.counts();
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        return store.failed(limit);
    }

    /** The {@code delayed} sorted set from the server's now on, in one read-only script call. */
    @Override
    public List<DelayedMessage> listDelayed(int limit) {
        return store.delayed(limit);
    }

    /** One read-only script call by id; see {@code docs/redis.md} for its cost on reserved messages. */
    @Override
    public Optional<MessageInfo> find(String id) {
        return store.find(id);
    }

    /** One script call; see {@code cancel.lua} for the cost (a ZSCAN of the reserved set per id not ready or delayed). */
    @Override
    public Set<String> cancel(List<String> ids) {
        return store.cancel(ids, leaseMillis);
    }

    /** One script call: the beat as a hash with a PEXPIRE of {@code ttl}, its id in the index; see {@code docs/redis.md}. */
    @Override
    public void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl) {
        store.publishHeartbeat(heartbeat, ttl);
    }

    @Override
    public boolean removeHeartbeat(String workerId) {
        return store.removeHeartbeat(workerId);
    }

    /** One script call, which also prunes the index of expired ids. */
    @Override
    public List<WorkerHeartbeat> listHeartbeats(int limit) {
        return store.heartbeats(limit);
    }

    /** The server and database; every queue there shares the heartbeat keys. */
    @Override
    public String heartbeatLocation() {
        return settings.location(RedisStore.heartbeatKeyBase());
    }

    @Override
    public boolean retryFailed(String id) {
        return store.retry(id);
    }

    @Override
    public boolean deleteFailed(String id) {
        return store.deleteFailed(id);
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
        return settings.mask("RedisBackend[" + name + " at " + settings.address() + "]");
    }
}
