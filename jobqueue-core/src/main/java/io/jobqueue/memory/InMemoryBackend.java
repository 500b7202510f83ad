package io.jobqueue.memory;

import io.jobqueue.Capability;
import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.Submitted;
import io.jobqueue.UniqueScope;
import io.jobqueue.WorkerHeartbeat;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.FinishedRetention;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.ReserveLimits;
import io.jobqueue.spi.WaitLoop;
import io.jobqueue.spi.WakeSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The reference backend: everything in this JVM's memory, nothing survives a restart. Honours
 * delays, priorities, leases, headers and fencing tokens, and keeps failed messages. Waiting
 * reservers sleep on a {@link WakeSignal} woken by submits and releases, and at most until the next
 * due time or lease end, never by spinning.
 *
 * <p>Use it in tests (it is what the conformance suite is proven against) and for work that may
 * be lost with the process. Alias {@code memory}; no options of its own. Time comes from a ticker
 * (nanoseconds, {@code System::nanoTime} by default) that tests may replace, so delays and leases
 * can be passed without sleeping.
 */
public final class InMemoryBackend implements QueueBackend {

    static final QueueCapabilities CAPABILITIES = QueueCapabilities.all("memory")
            .without(Capability.PUSH_WAKE_UP, Capability.CROSS_PROCESS);
    private static final Comparator<Entry> READY_ORDER = (a, b) -> a.priority != b.priority
            ? Integer.compare(a.priority, b.priority) : Long.compare(a.sequence, b.sequence);
    private static final Comparator<Entry> DUE_ORDER = (a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.sequence, b.sequence);
    /** A waiting reserver looks again at least this often, for a ticker that moves without signalling. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final long leaseNanos;
    private final LongSupplier ticker;
    private final Clock wallClock;
    private final WakeSignal signal = new WakeSignal();
    private final MemoryHeartbeats heartbeats;
    private long ids;
    private long sequence;
    private long tokens;

    private final Map<String, Entry> all = new HashMap<>();
    private final PriorityQueue<Entry> ready = new PriorityQueue<>(READY_ORDER);
    private final PriorityQueue<Entry> delayed = new PriorityQueue<>(DUE_ORDER);
    private final Map<String, Entry> reserved = new LinkedHashMap<>();
    private final Map<String, FailedMessage> failed = new LinkedHashMap<>();
    private final FinishedHistory finished;
    private final ReserveLimits limits;
    /** Unique key to the message that took it, kept until a submit finds its scope over (or a sweep). */
    private final Map<String, UniqueHold> uniques = new HashMap<>();
    /** The ticker times of the reservations in the rate limit's last interval, oldest first. */
    private final ArrayDeque<Long> recentReservations = new ArrayDeque<>();

    /** A backend with a 60 s lease on the system's clocks. */
    public InMemoryBackend() {
        this(QueueContext.DEFAULT_TIMEOUT, System::nanoTime, Clock.systemUTC());
    }

    /**
     * @param leaseTimeout how long a reservation lasts without renewal
     * @param ticker       nanoseconds for delays and leases ({@code System::nanoTime} but in tests)
     * @param wallClock    the time failed messages are stamped with, and due times of delayed ones are told in
     */
    public InMemoryBackend(Duration leaseTimeout, LongSupplier ticker, Clock wallClock) {
        this(leaseTimeout, ticker, wallClock, FinishedRetention.NONE);
    }

    /**
     * @param leaseTimeout   how long a reservation lasts without renewal
     * @param ticker         nanoseconds for delays, leases and the age of finished messages
     * @param wallClock      the time failed and finished messages are stamped with
     * @param retainFinished how long finished messages are kept for {@link #find}
     */
    public InMemoryBackend(Duration leaseTimeout, LongSupplier ticker, Clock wallClock, FinishedRetention retainFinished) {
        this(leaseTimeout, ticker, wallClock, retainFinished, ReserveLimits.NONE);
    }

    /**
     * @param leaseTimeout   how long a reservation lasts without renewal
     * @param ticker         nanoseconds for delays, leases, unique periods, rate limits and the age of finished messages
     * @param wallClock      the time failed and finished messages are stamped with
     * @param retainFinished how long finished messages are kept for {@link #find}
     * @param limits         the concurrency and rate limits enforced when reserving
     */
    public InMemoryBackend(Duration leaseTimeout, LongSupplier ticker, Clock wallClock, FinishedRetention retainFinished,
            ReserveLimits limits) {
        this.limits = limits;
        this.finished = new FinishedHistory(retainFinished, ticker, wallClock);
        this.leaseNanos = leaseTimeout.toNanos();
        this.ticker = ticker;
        this.wallClock = wallClock;
        this.heartbeats = new MemoryHeartbeats(ticker, wallClock);
    }

    /** Builds a backend from a queue's context; used by the queue manager for {@code className: memory}. */
    public static InMemoryBackend create(QueueContext context) {
        context.options().done();
        return new InMemoryBackend(context.leaseTimeout(), System::nanoTime, Clock.systemUTC(), context.retainFinished(),
                context.limits());
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
    public synchronized List<String> submit(List<NewMessage> messages) {
        List<String> result = new ArrayList<>(messages.size());
        long now = ticker.getAsLong();
        for (NewMessage message : messages) {
            String id = Long.toString(++ids);
            Entry entry = new Entry(id, message.payload(), message.options().headers(), message.options().priority());
            entry.sequence = ++sequence;
            all.put(id, entry);
            schedule(entry, message.options().delay(), now);
            result.add(id);
        }
        signal.wake();
        return result;
    }

    /** Checks and takes each key under this backend's monitor, so the check and the store are one step. */
    @Override
    public synchronized List<Submitted> submitUnique(List<NewMessage> messages) {
        long now = ticker.getAsLong();
        promote(now);
        List<Submitted> result = new ArrayList<>(messages.size());
        for (NewMessage message : messages) {
            String key = message.uniqueKey();
            String holder = key == null ? null : holderOf(key, now);
            if (holder != null) {
                result.add(Submitted.duplicateOf(holder));
                continue;
            }
            String id = submit(List.of(message)).get(0);
            if (key != null) {
                UniqueScope scope = message.uniqueScope();
                long expires = scope.kind() == UniqueScope.Kind.PERIOD ? now + scope.period().toNanos() : 0;
                uniques.put(key, new UniqueHold(id, scope.kind(), expires));
            }
            result.add(Submitted.stored(id));
        }
        if (uniques.size() > 1_000 + 2 * all.size()) {
            uniques.keySet().removeIf(key -> holderOf(key, now) == null);
        }
        return result;
    }

    @Override
    public synchronized Optional<String> findUnique(String uniqueKey) {
        long now = ticker.getAsLong();
        promote(now);
        return Optional.ofNullable(holderOf(uniqueKey, now));
    }

    /** The id of the message holding the key, or null when none does (leases already expired by the caller). */
    private String holderOf(String key, long now) {
        UniqueHold hold = uniques.get(key);
        if (hold == null) {
            return null;
        }
        Entry entry = all.get(hold.id);
        boolean live = switch (hold.kind) {
            case PERIOD -> hold.expiresNanos - now > 0;
            case ACTIVE -> entry != null && !failed.containsKey(hold.id);
            case QUEUED -> entry != null && !failed.containsKey(hold.id) && !reserved.containsKey(hold.id);
        };
        if (!live) {
            uniques.remove(key);
            return null;
        }
        return hold.id;
    }

    @Override
    public List<Message> reserve(int max, Duration timeout) {
        return WaitLoop.poll(timeout, signal, POLL, this::nanosUntilNextEvent, () -> claim(max));
    }

    private synchronized List<Message> claim(int max) {
        long now = ticker.getAsLong();
        promote(now);
        int allowed = max;
        if (limits.limitsRate()) {
            long window = limits.ratePer().toNanos();
            while (!recentReservations.isEmpty() && now - recentReservations.peekFirst() >= window) {
                recentReservations.pollFirst();
            }
            allowed = Math.min(max, limits.rateCount() - recentReservations.size());
        }
        Map<String, Integer> running = limits.limitsConcurrency() ? reservedPerKey() : Map.of();
        List<Entry> skipped = new ArrayList<>();
        List<Message> messages = new ArrayList<>(Math.max(0, Math.min(allowed, ready.size())));
        while (messages.size() < allowed && !ready.isEmpty()) {
            Entry entry = ready.poll();
            String key = entry.headers.get(io.jobqueue.spi.Headers.CONCURRENCY_KEY);
            if (key != null && limits.limitsConcurrency()) {
                int count = running.getOrDefault(key, 0);
                if (count >= limits.concurrencyLimit()) {
                    skipped.add(entry);
                    continue;
                }
                running.put(key, count + 1);
            }
            if (limits.limitsRate()) {
                recentReservations.addLast(now);
            }
            entry.leaseEndNanos = now + leaseNanos;
            entry.deliveries++;
            entry.token = Long.toString(++tokens);
            reserved.put(entry.id, entry);
            messages.add(entry.toMessage());
        }
        ready.addAll(skipped);
        return messages;
    }

    private Map<String, Integer> reservedPerKey() {
        Map<String, Integer> counts = new HashMap<>();
        for (Entry entry : reserved.values()) {
            String key = entry.headers.get(io.jobqueue.spi.Headers.CONCURRENCY_KEY);
            if (key != null) {
                counts.merge(key, 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public synchronized Set<String> finish(List<Message> messages) {
        expireLeases(ticker.getAsLong());
        Set<String> done = new HashSet<>();
        for (Message message : messages) {
            Entry entry = take(message);
            if (entry != null) {
                all.remove(message.id());
                finished.add(entry.toMessage().withoutToken());
                done.add(message.id());
            }
        }
        if (limits.limitsConcurrency() && !done.isEmpty()) {
            signal.wake();
        }
        return done;
    }

    @Override
    public synchronized Set<String> release(List<Message> messages, ReleaseOptions options) {
        Set<String> done = new HashSet<>();
        long now = ticker.getAsLong();
        expireLeases(now);
        for (Message message : messages) {
            Entry entry = take(message);
            if (entry == null) {
                continue;
            }
            if (options.attempt()) {
                entry.releases++;
            }
            if (options.priority() != null) {
                entry.priority = options.priority();
            }
            entry.sequence = ++sequence;
            schedule(entry, options.delay(), now);
            done.add(message.id());
        }
        signal.wake();
        return done;
    }

    @Override
    public synchronized Set<String> abort(List<Abort> aborts) {
        expireLeases(ticker.getAsLong());
        Set<String> done = new HashSet<>();
        for (Abort abort : aborts) {
            Entry entry = take(abort.message());
            if (entry != null) {
                failed.put(entry.id, new FailedMessage(entry.toMessage().withoutToken(), abort.reason(), wallClock.instant()));
                done.add(entry.id);
            }
        }
        return done;
    }

    @Override
    public synchronized Set<String> extendLeases(List<Message> messages) {
        long now = ticker.getAsLong();
        expireLeases(now);
        Set<String> done = new HashSet<>();
        for (Message message : messages) {
            Entry entry = reserved.get(message.id());
            if (entry != null && entry.token.equals(message.token())) {
                entry.leaseEndNanos = now + leaseNanos;
                done.add(message.id());
            }
        }
        return done;
    }

    @Override
    public synchronized List<Message> peek(int limit) {
        promote(ticker.getAsLong());
        List<Entry> copy = new ArrayList<>(ready);
        copy.sort(READY_ORDER);
        return copy.stream().limit(limit).map(e -> e.toMessage().withoutToken()).toList();
    }

    @Override
    public synchronized QueueCounts counts() {
        long now = ticker.getAsLong();
        promote(now);
        Duration age = ready.stream().mapToLong(e -> e.readySinceNanos).min().stream()
                .mapToObj(since -> Duration.ofNanos(Math.max(0, now - since))).findFirst().orElse(null);
        return new QueueCounts(ready.size(), delayed.size(), reserved.size(), failed.size(), age);
    }

    /** The due time on the wall clock: now on the wall clock plus the nanoseconds the ticker has left. */
    @Override
    public synchronized List<DelayedMessage> listDelayed(int limit) {
        long now = ticker.getAsLong();
        Instant wallNow = wallClock.instant();
        List<Entry> copy = new ArrayList<>(delayed);
        copy.sort(DUE_ORDER);
        return copy.stream().filter(e -> e.dueNanos - now > 0).limit(limit)
                .map(e -> new DelayedMessage(e.toMessage().withoutToken(), wallNow.plusNanos(e.dueNanos - now))).toList();
    }

    /**
     * Looks the id up in the map of every message, then in the store it is in; times are told on the
     * wall clock as {@link #listDelayed} tells them. Changes nothing: a due delayed message or a lapsed
     * lease is reported ready without being moved.
     */
    @Override
    public synchronized Optional<MessageInfo> find(String id) {
        Entry entry = all.get(id);
        if (entry == null) {
            return finished.find(id);
        }
        FailedMessage failedEntry = failed.get(id);
        if (failedEntry != null) {
            return Optional.of(MessageInfo.failed(failedEntry));
        }
        long now = ticker.getAsLong();
        Instant wallNow = wallClock.instant();
        if (reserved.get(id) == entry && entry.leaseEndNanos - now > 0) {
            return Optional.of(MessageInfo.reserved(entry.toMessage(), wallNow.plusNanos(entry.leaseEndNanos - now)));
        }
        if (delayed.contains(entry) && entry.dueNanos - now > 0) {
            return Optional.of(MessageInfo.delayed(entry.toMessage(), wallNow.plusNanos(entry.dueNanos - now)));
        }
        return Optional.of(MessageInfo.ready(entry.toMessage()));
    }

    /**
     * Takes each ready, delayed or reserved message out of every store at once; a reserved one's token
     * is void, so its holder's renewal, finish, release and abort find nothing.
     */
    @Override
    public synchronized Set<String> cancel(List<String> ids) {
        long now = ticker.getAsLong();
        Set<String> done = new HashSet<>();
        for (String id : ids) {
            Entry entry = all.get(id);
            if (entry == null || failed.containsKey(id)) {
                continue;
            }
            long leaseEnd = 0;
            if (reserved.remove(id, entry)) {
                leaseEnd = entry.leaseEndNanos - now > 0 ? entry.leaseEndNanos : 0;
            } else if (!ready.remove(entry)) {
                delayed.remove(entry);
            }
            entry.token = "";
            all.remove(id);
            finished.cancelled(entry.toMessage().withoutToken(), leaseEnd);
            done.add(id);
        }
        return done;
    }

    /** Kept in this backend only (each in-memory queue is a place of its own), expiring on its ticker. */
    @Override
    public void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl) {
        heartbeats.publish(heartbeat, ttl);
    }

    @Override
    public boolean removeHeartbeat(String workerId) {
        return heartbeats.remove(workerId);
    }

    @Override
    public List<WorkerHeartbeat> listHeartbeats(int limit) {
        return heartbeats.list(limit);
    }

    @Override
    public synchronized List<FailedMessage> listFailed(int limit) {
        return failed.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized boolean retryFailed(String id) {
        if (failed.remove(id) == null) {
            return false;
        }
        Entry entry = all.get(id);
        entry.releases = 0;
        entry.deliveries = 0;
        entry.sequence = ++sequence;
        schedule(entry, Duration.ZERO, ticker.getAsLong());
        signal.wake();
        return true;
    }

    @Override
    public synchronized boolean deleteFailed(String id) {
        if (failed.remove(id) == null) {
            return false;
        }
        all.remove(id);
        return true;
    }

    @Override
    public synchronized void flush() {
        all.clear();
        ready.clear();
        delayed.clear();
        reserved.clear();
        failed.clear();
        finished.clear();
        uniques.clear();
    }

    @Override
    public String toString() {
        return "InMemoryBackend";
    }

    /** Removes the reservation a message's token names, if it is still current (leases expired by the caller, once per batch). */
    private Entry take(Message message) {
        Entry entry = reserved.get(message.id());
        if (entry == null || !entry.token.equals(message.token())) {
            return null;
        }
        reserved.remove(message.id());
        entry.token = "";
        return entry;
    }

    private synchronized long nanosUntilNextEvent() {
        long now = ticker.getAsLong();
        long next = Long.MAX_VALUE;
        Entry firstDelayed = delayed.peek();
        if (firstDelayed != null) {
            next = firstDelayed.dueNanos - now;
        }
        for (Entry entry : reserved.values()) {
            next = Math.min(next, entry.leaseEndNanos - now);
        }
        if (limits.limitsRate() && recentReservations.size() >= limits.rateCount()) {
            next = Math.min(next, recentReservations.peekFirst() + limits.ratePer().toNanos() - now);
        }
        return next;
    }

    /** Moves due delayed messages and expired reservations to ready. */
    private void promote(long now) {
        while (!delayed.isEmpty() && delayed.peek().dueNanos - now <= 0) {
            Entry entry = delayed.poll();
            entry.readySinceNanos = entry.dueNanos;
            ready.add(entry);
        }
        expireLeases(now);
    }

    /** A lease that ran out puts its message back to ready; the release count stays, the token is void. */
    private void expireLeases(long now) {
        if (reserved.isEmpty()) {
            return;
        }
        var it = reserved.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (entry.leaseEndNanos - now <= 0) {
                it.remove();
                entry.token = "";
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

    /** Which message holds a unique key, in which kind of scope, and until when for a period (ticker nanos). */
    private record UniqueHold(String id, UniqueScope.Kind kind, long expiresNanos) {
    }

    /** A message's mutable state, guarded by the backend's monitor. */
    private static final class Entry {
        final String id;
        final String payload;
        final Map<String, String> headers;
        int priority;
        int releases;
        int deliveries;
        String token = "";
        long sequence;
        long dueNanos;
        long leaseEndNanos;
        long readySinceNanos;

        Entry(String id, String payload, Map<String, String> headers, int priority) {
            this.id = id;
            this.payload = payload;
            this.headers = headers;
            this.priority = priority;
        }

        Message toMessage() {
            return new Message(id, payload, headers, releases, deliveries, token);
        }
    }
}
