package io.jobqueue;

import io.jobqueue.spi.Abort;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.spi.Headers;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named queue: the storage side of the job queue. It knows messages, not jobs. The core owns this
 * class and wraps a backend ({@link QueueBackend}) with the rules every backend shares: the
 * single-item forms, the timeouts, argument, header and capability checks.
 *
 * <p>The life of a message: {@code submit} makes it READY (or invisible until its delay passes);
 * {@code waitAndReserve} makes it RESERVED for one caller, for {@link #leaseTimeout()} unless the
 * lease is extended; {@code finish} removes it, {@code release} makes it READY again with one more
 * release, {@code abort} moves it to the failed store. A reservation whose lease runs out goes back
 * to READY (its release count unchanged, one more delivery when it is reserved again), so a worker
 * that dies loses nothing.
 *
 * <p>Timeouts: {@code null} means the queue's {@link #defaultTimeout()}; {@link Duration#ZERO} means
 * poll once and never wait, on every backend.
 *
 * <p>Fencing: {@code finish}, {@code release}, {@code abort} and {@code extendLease} take the
 * reserved {@link Message}, whose token names the reservation. When that reservation is over (its
 * lease ran out, even if the message has been reserved again since, or it was finished) they change
 * nothing and return {@code false}.
 *
 * <p>Thread-safe. A call that needs a capability the backend lacks throws an
 * {@link UnsupportedCapabilityException} naming the backend, the queue and the capability.
 */
public final class Queue implements AutoCloseable {

    private final String name;
    private final QueueBackend backend;
    private final QueueCapabilities capabilities;
    private final Duration defaultTimeout;
    private final Duration leaseTimeout;

    private Queue(String name, QueueBackend backend, Duration defaultTimeout, Duration leaseTimeout) {
        this.name = name;
        this.backend = backend;
        this.capabilities = Objects.requireNonNull(backend.capabilities(), "capabilities() of " + backend);
        this.defaultTimeout = defaultTimeout;
        this.leaseTimeout = leaseTimeout;
    }

    /**
     * The queue over a backend built for this context.
     *
     * @throws ConfigurationException when the context keeps finished messages (option
     *                                {@code retainFinished}) and the backend cannot
     */
    public static Queue of(QueueContext context, QueueBackend backend) {
        Queue queue = new Queue(context.name(), Objects.requireNonNull(backend, "backend"), context.defaultTimeout(),
                context.leaseTimeout());
        if (context.retainFinished().isOn() && !queue.capabilities.has(Capability.RETAIN_FINISHED)) {
            throw new ConfigurationException("option '" + io.jobqueue.spi.FinishedRetention.KEY + "' of queue '"
                    + context.configuredName() + "' asks to keep finished messages (" + context.retainFinished() + "), which the "
                    + queue.capabilities.backend() + " backend cannot do; remove the option, or use a backend that keeps"
                    + " them (memory, jdbc, redis)");
        }
        io.jobqueue.spi.ReserveLimits limits = context.limits();
        if (limits.limitsConcurrency() && !queue.capabilities.has(Capability.CONCURRENCY_LIMIT)) {
            throw new ConfigurationException("option '" + io.jobqueue.spi.ReserveLimits.CONCURRENCY_KEY + "' of queue '"
                    + context.configuredName() + "' (" + limits.concurrencyLimit() + " per key) needs a backend that enforces it"
                    + " when it reserves, which the " + queue.capabilities.backend() + " backend cannot; remove the option, or use"
                    + " memory, jdbc or redis");
        }
        if (limits.limitsRate() && !queue.capabilities.has(Capability.RATE_LIMIT)) {
            throw new ConfigurationException("option '" + io.jobqueue.spi.ReserveLimits.RATE_KEY + "' of queue '"
                    + context.configuredName() + "' (" + limits.describeRate() + ") needs a backend that enforces it when it"
                    + " reserves, which the " + queue.capabilities.backend() + " backend cannot; remove the option, or use"
                    + " memory, jdbc or redis");
        }
        return queue;
    }

    /**
     * Builds the backend of a factory for a queue named {@code name} with these options (the
     * shared timeouts among them), as the queue manager does; for tests and code without settings.
     */
    public static Queue open(QueueFactory factory, String name, java.util.Map<String, Object> options) {
        QueueContext context = QueueContext.of(name, name, options == null ? java.util.Map.of() : options, factory.leaseTimeoutAlias());
        return of(context, factory.create(context));
    }

    /** The queue's name, with the configured {@code queueNamePrefix} already applied. */
    public String name() {
        return name;
    }

    /** What this queue's backend can do; callers check it instead of catching exceptions. */
    public QueueCapabilities capabilities() {
        return capabilities;
    }

    /**
     * The backend, when it is of the given type (for backend-specific calls and tests), or the one a
     * {@link ForwardingBackend} wraps.
     */
    public <T extends QueueBackend> Optional<T> backend(Class<T> type) {
        for (QueueBackend b = backend; b != null; b = b instanceof ForwardingBackend f ? f.delegate() : null) {
            if (type.isInstance(b)) {
                return Optional.of(type.cast(b));
            }
        }
        return Optional.empty();
    }

    /** How long a reserve with a {@code null} timeout waits (option {@code defaultTimeout}, default 60 s). */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** How long a reservation lasts without renewal (option {@code leaseTimeout}, default 60 s). */
    public Duration leaseTimeout() {
        return leaseTimeout;
    }

    /** Creates what the backend needs (tables, tubes, streams) and checks the connection. Idempotent; never deletes. */
    public void setUp() {
        backend.setUp();
    }

    /** Enqueues a payload with {@link SubmitOptions#DEFAULT} and returns the new message's id. */
    public String submit(String payload) {
        return submit(payload, SubmitOptions.DEFAULT);
    }

    /** Enqueues a payload and returns the new message's id. */
    public String submit(String payload, SubmitOptions options) {
        return submitAll(List.of(payload), options).get(0);
    }

    /**
     * Enqueues many payloads with the same options, in one round trip where the backend can, and
     * returns their ids in order. With a unique key (see {@link SubmitOptions#withUniqueKey}) a
     * duplicate's id is the existing message's; {@link #offerAll} tells which were duplicates.
     */
    public List<String> submitAll(List<String> payloads, SubmitOptions options) {
        List<Submitted> submitted = offerAll(payloads, options);
        List<String> ids = new ArrayList<>(submitted.size());
        submitted.forEach(s -> ids.add(s.id()));
        return ids;
    }

    /**
     * Enqueues a payload and says whether it was stored or was a duplicate of the message that holds
     * its unique key (then nothing is stored and the id is that message's). The check is atomic in the
     * backend, across processes.
     *
     * @throws UnsupportedCapabilityException when the options have a unique key and the backend lacks
     *                                        {@link Capability#UNIQUE}
     */
    public Submitted offer(String payload, SubmitOptions options) {
        return offerAll(List.of(payload), options).get(0);
    }

    /** Like {@link #offer} for many payloads with the same options: with a unique key, all but the first are duplicates. */
    public List<Submitted> offerAll(List<String> payloads, SubmitOptions options) {
        Objects.requireNonNull(payloads, "payloads");
        check(options);
        List<NewMessage> messages = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            if (payload == null) {
                throw new IllegalArgumentException("payload " + messages.size() + " of a submit to queue '" + name + "' is null");
            }
            messages.add(new NewMessage(payload, options));
        }
        if (messages.isEmpty()) {
            return List.of();
        }
        if (options.uniqueKey().isPresent()) {
            List<Submitted> result = Objects.requireNonNull(backend.submitUnique(messages), "submitUnique() of " + backend);
            if (result.size() != messages.size()) {
                throw new IllegalStateException("submitUnique() of " + backend + " returned " + result.size() + " results for "
                        + messages.size() + " messages");
            }
            return result;
        }
        List<String> ids = backend.submit(messages);
        List<Submitted> result = new ArrayList<>(ids.size());
        ids.forEach(id -> result.add(Submitted.stored(id)));
        return result;
    }

    /**
     * Waits for a ready message and removes it at once: the original's reserve-and-finish
     * (at-most-once: a crash after this call loses the message).
     *
     * @param timeout how long to wait; {@code null} for the default timeout, zero to poll once
     */
    public Optional<Message> waitAndTake(Duration timeout) {
        Optional<Message> message = waitAndReserve(timeout);
        message.ifPresent(this::finish);
        return message;
    }

    /**
     * Waits for a ready message and reserves it for the caller, who must later finish, release or
     * abort it (or extend its lease).
     *
     * @param timeout how long to wait; {@code null} for the default timeout, zero to poll once
     */
    public Optional<Message> waitAndReserve(Duration timeout) {
        List<Message> messages = waitAndReserve(1, timeout);
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(0));
    }

    /**
     * Waits until at least one message is ready, then reserves up to {@code max} ready messages,
     * oldest first within a priority. Returns an empty list on timeout.
     *
     * @param timeout how long to wait; {@code null} for the default timeout, zero to poll once
     */
    public List<Message> waitAndReserve(int max, Duration timeout) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max + " (queue '" + name + "')");
        }
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout + " (queue '" + name + "')");
        }
        capabilities.require(Capability.RESERVE, name, "waitAndReserve");
        return backend.reserve(max, timeout == null ? defaultTimeout : timeout);
    }

    /**
     * Removes a reserved message for good.
     *
     * @return false when its reservation is over (nothing changes)
     */
    public boolean finish(Message message) {
        return finishAll(List.of(message)).contains(message.id());
    }

    /** Finishes many reserved messages in one round trip where the backend can; returns the ids removed. */
    public Set<String> finishAll(Collection<Message> messages) {
        return reservedOnly(messages, "finish").isEmpty() ? Set.of() : backend.finish(List.copyOf(messages));
    }

    /**
     * Puts a reserved message back to ready, with one more release when {@code options.attempt()}.
     *
     * @return false when its reservation is over (nothing changes)
     */
    public boolean release(Message message, ReleaseOptions options) {
        return releaseAll(List.of(message), options).contains(message.id());
    }

    /** Releases many reserved messages with the same options; returns the ids released. */
    public Set<String> releaseAll(Collection<Message> messages, ReleaseOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.delay().isZero()) {
            capabilities.require(Capability.DELAY, name, "a delayed release");
        }
        return reservedOnly(messages, "release").isEmpty() ? Set.of() : backend.release(List.copyOf(messages), options);
    }

    /**
     * Moves a reserved message to the failed store with the reason it failed.
     *
     * @return false when its reservation is over (nothing changes)
     */
    public boolean abort(Message message, String reason) {
        return abortAll(List.of(new Abort(message, reason))).contains(message.id());
    }

    /** Moves a reserved message to the failed store without a reason. */
    public boolean abort(Message message) {
        return abort(message, "");
    }

    /** Aborts many reserved messages, each with its reason; returns the ids moved. */
    public Set<String> abortAll(Collection<Abort> aborts) {
        List<Message> messages = new ArrayList<>(aborts.size());
        aborts.forEach(a -> messages.add(a.message()));
        return reservedOnly(messages, "abort").isEmpty() ? Set.of() : backend.abort(List.copyOf(aborts));
    }

    /**
     * Renews the lease of a reserved message: it stays reserved for another {@link #leaseTimeout()}
     * from now.
     *
     * @return false when its reservation is over
     */
    public boolean extendLease(Message message) {
        return extendLeases(List.of(message)).contains(message.id());
    }

    /** Renews many leases in one round trip where the backend can; returns the ids renewed. */
    public Set<String> extendLeases(Collection<Message> messages) {
        if (reservedOnly(messages, "extendLease").isEmpty()) {
            return Set.of();
        }
        return capabilities.has(Capability.LEASES) ? backend.extendLeases(List.copyOf(messages)) : idsOf(messages);
    }

    /** Up to {@code limit} ready messages, oldest first within a priority, without reserving them. */
    public List<Message> peek(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit + " (queue '" + name + "')");
        }
        if (limit > 1) {
            capabilities.require(Capability.PEEK_MANY, name, "peek with a limit of " + limit);
        }
        return limit == 0 ? List.of() : backend.peek(limit);
    }

    /** Every count of the queue, read in one call. */
    public QueueCounts counts() {
        return backend.counts();
    }

    /** Messages ready now (delayed messages that are not due yet are not counted). */
    public long countReady() {
        return counts().ready();
    }

    /** Messages currently reserved. */
    public long countReserved() {
        return counts().reserved();
    }

    /** Messages in the failed store. */
    public long countFailed() {
        return counts().failed();
    }

    /** Up to {@code limit} failed messages, oldest failure first, with their reasons. */
    public List<FailedMessage> listFailed(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit + " (queue '" + name + "')");
        }
        capabilities.require(Capability.FAILED_STORE, name, "listFailed");
        return limit == 0 ? List.of() : backend.listFailed(limit);
    }

    /**
     * Up to {@code limit} delayed messages that are not due yet, soonest due first, each with its due
     * time; changes nothing.
     *
     * @throws UnsupportedCapabilityException when the backend lacks {@link Capability#LIST_DELAYED}
     */
    public List<DelayedMessage> listDelayed(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit + " (queue '" + name + "')");
        }
        capabilities.require(Capability.LIST_DELAYED, name, "listDelayed");
        return limit == 0 ? List.of() : backend.listDelayed(limit);
    }

    /**
     * The message with this id and its state (ready, delayed, reserved or failed), with its due time,
     * lease end or failure; changes nothing. Empty when the queue holds no message with that id now:
     * an unknown, finished or malformed id, or the id of another queue's message.
     *
     * @throws IllegalArgumentException when {@code id} is null or blank
     * @throws UnsupportedCapabilityException when the backend lacks {@link Capability#FIND_BY_ID}
     */
    public Optional<MessageInfo> find(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be null or blank, was " + (id == null ? "null" : "'" + id + "'")
                    + " (queue '" + name + "')");
        }
        capabilities.require(Capability.FIND_BY_ID, name, "find");
        return Objects.requireNonNull(backend.find(id), "find() of " + backend);
    }

    /**
     * The id of the message that holds this unique key now, within its scope; empty when none does.
     *
     * @throws IllegalArgumentException when the key is null, empty or too long
     * @throws UnsupportedCapabilityException when the backend lacks {@link Capability#UNIQUE}
     */
    public Optional<String> findUnique(String uniqueKey) {
        if (uniqueKey == null || uniqueKey.isEmpty() || uniqueKey.length() > Headers.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a unique key must be 1 to " + Headers.MAX_KEY_LENGTH + " characters, was "
                    + (uniqueKey == null ? "null" : uniqueKey.length() + " characters") + " (queue '" + name + "')");
        }
        capabilities.require(Capability.UNIQUE, name, "findUnique");
        return Objects.requireNonNull(backend.findUnique(uniqueKey), "findUnique() of " + backend);
    }

    /**
     * Cancels the message with this id when it is ready, delayed or reserved: it is never delivered
     * again, and a worker running its job learns it at its next lease renewal (within a third of the
     * lease), interrupts the job and neither finishes, releases nor aborts it. With
     * {@code retainFinished} the message is then found as {@link MessageState#CANCELLED}. False when
     * the queue holds no such message to cancel: an unknown, malformed, failed, finished or already
     * cancelled id, or another queue's.
     *
     * @throws IllegalArgumentException when {@code id} is null or blank
     * @throws UnsupportedCapabilityException when the backend lacks {@link Capability#CANCEL}
     */
    public boolean cancel(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be null or blank, was " + (id == null ? "null" : "'" + id + "'")
                    + " (queue '" + name + "')");
        }
        capabilities.require(Capability.CANCEL, name, "cancel");
        return Objects.requireNonNull(backend.cancel(List.of(id)), "cancel() of " + backend).contains(id);
    }

    /**
     * Publishes a worker's heartbeat where this queue's backend keeps heartbeats (replacing that
     * worker's earlier one); it is listed until {@code ttl} from now unless published again. Workers
     * call this themselves, see {@link Worker.Builder#heartbeatInterval(Duration)}.
     *
     * @throws IllegalArgumentException when {@code ttl} is null, zero or negative
     * @throws UnsupportedCapabilityException when the backend lacks {@link Capability#WORKER_HEARTBEATS}
     */
    public void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl) {
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a heartbeat's ttl must be positive, was " + ttl + " (queue '" + name + "')");
        }
        capabilities.require(Capability.WORKER_HEARTBEATS, name, "publishHeartbeat");
        backend.publishHeartbeat(heartbeat, ttl);
    }

    /**
     * Removes a worker's heartbeat at once (a worker stopping gracefully does).
     *
     * @return false when that worker had no live heartbeat here
     * @throws IllegalArgumentException when {@code workerId} is not a worker id ({@link WorkerHeartbeat#isValidId})
     * @throws UnsupportedCapabilityException when the backend lacks {@link Capability#WORKER_HEARTBEATS}
     */
    public boolean removeHeartbeat(String workerId) {
        if (!WorkerHeartbeat.isValidId(workerId)) {
            throw new IllegalArgumentException("not a worker id: " + (workerId == null ? "null" : "'" + workerId + "'")
                    + " (queue '" + name + "')");
        }
        capabilities.require(Capability.WORKER_HEARTBEATS, name, "removeHeartbeat");
        return backend.removeHeartbeat(workerId);
    }

    /**
     * Up to {@code limit} live heartbeats where this queue's backend keeps them (of every worker there,
     * whatever queues it watches), the most recently seen first; expired ones are never listed.
     *
     * @throws UnsupportedCapabilityException when the backend lacks {@link Capability#WORKER_HEARTBEATS}
     */
    public List<WorkerHeartbeat> listHeartbeats(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit + " (queue '" + name + "')");
        }
        capabilities.require(Capability.WORKER_HEARTBEATS, name, "listHeartbeats");
        return limit == 0 ? List.of() : Objects.requireNonNull(backend.listHeartbeats(limit), "listHeartbeats() of " + backend);
    }

    /**
     * Where this queue's backend keeps heartbeats: queues with the same backend and location share
     * them, so a worker publishes one beat per location, not per queue.
     */
    public String heartbeatLocation() {
        return capabilities.backend() + " " + backend.heartbeatLocation();
    }

    /**
     * Moves a failed message back to ready with its release and delivery counts reset to 0.
     *
     * @return false when no failed message has that id
     */
    public boolean retryFailed(String id) {
        Objects.requireNonNull(id, "id");
        capabilities.require(Capability.FAILED_STORE, name, "retryFailed");
        return backend.retryFailed(id);
    }

    /**
     * Deletes a failed message for good.
     *
     * @return false when no failed message has that id
     */
    public boolean deleteFailed(String id) {
        Objects.requireNonNull(id, "id");
        capabilities.require(Capability.FAILED_STORE, name, "deleteFailed");
        return backend.deleteFailed(id);
    }

    /** Deletes every message of this queue (ready, delayed, reserved and failed), and nothing else. */
    public void flush() {
        backend.flush();
    }

    /** Releases the backend's connections and threads; idempotent. */
    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "Queue[" + name + " on " + capabilities.backend() + "]";
    }

    private void check(SubmitOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.delay().isZero()) {
            capabilities.require(Capability.DELAY, name, "a delayed submit");
            try {
                SubmitOptions.requireAtMostMaxDelay(options.delay());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " for a submit to queue '" + name + "'");
            }
        }
        if (!options.extras().isEmpty()) {
            Set<String> known = backend.submitExtras();
            for (String key : options.extras().keySet()) {
                if (!known.contains(key)) {
                    List<String> all = new ArrayList<>(SubmitOptions.KEYS);
                    all.addAll(new java.util.TreeSet<>(known));
                    String hint = io.jobqueue.spi.OptionValues.suggestion(key, all);
                    throw new IllegalArgumentException("unknown submit option '" + key + "' for queue '" + name + "' ("
                            + capabilities.backend() + ")" + (hint.startsWith(",") ? hint : "")
                            + "; it takes " + String.join(", ", all));
                }
            }
        }
        if (!options.headers().isEmpty()) {
            capabilities.require(Capability.HEADERS, name, "a submit with headers");
            Headers.check(name, options.headers());
        }
        if (options.uniqueKey().isPresent()) {
            capabilities.require(Capability.UNIQUE, name, "a submit with a unique key");
        }
        if (options.concurrencyKey().isPresent()) {
            capabilities.require(Capability.CONCURRENCY_LIMIT, name, "a submit with a concurrency key");
        }
    }

    /** Checks a batch of reserved messages; returns it. */
    private Collection<Message> reservedOnly(Collection<Message> messages, String operation) {
        Objects.requireNonNull(messages, "messages");
        capabilities.require(Capability.RESERVE, name, operation);
        for (Message message : messages) {
            Objects.requireNonNull(message, "message");
        }
        return messages;
    }

    private static Set<String> idsOf(Collection<Message> messages) {
        Set<String> ids = new java.util.HashSet<>();
        messages.forEach(m -> ids.add(m.id()));
        return ids;
    }
}
