package io.jobqueue.beanstalkd;

import io.jobqueue.Capability;
import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.WorkerHeartbeat;
import io.jobqueue.beanstalkd.internal.ConnectionPool;
import io.jobqueue.beanstalkd.internal.Endpoint;
import io.jobqueue.beanstalkd.internal.FailedStore;
import io.jobqueue.beanstalkd.internal.Fetcher;
import io.jobqueue.beanstalkd.internal.Finisher;
import io.jobqueue.beanstalkd.internal.LeaseKeeper;
import io.jobqueue.beanstalkd.internal.MessageLookup;
import io.jobqueue.beanstalkd.internal.Put;
import io.jobqueue.beanstalkd.internal.Reservations;
import io.jobqueue.beanstalkd.internal.Submits;
import io.jobqueue.beanstalkd.internal.TubeNames;
import io.jobqueue.beanstalkd.internal.TubeOps;
import io.jobqueue.beanstalkd.internal.TubeOwnership;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.WaitLoop;
import io.jobqueue.spi.WakeSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue in a beanstalkd tube (the prefixed queue name). Reservations are beanstalkd's own: the
 * lease is the job's time to run ({@code ttr}, renewed with {@code touch}), a worker that dies
 * loses its connection and the server puts its jobs back at once. Failed messages are the tube's
 * buried jobs. See {@code docs/beanstalkd.md} for how each operation maps to commands.
 *
 * <p>The queue works only on a tube it marked as its own ({@link TubeOwnership}): an empty tube
 * is marked on first use; a tube that holds jobs but no mark is refused (nothing in it is
 * reserved, put, changed or deleted) unless option {@code adoptTube} says to take it over.
 *
 * <p>Beanstalkd ties a reservation to the connection that made it, so each waiting reserver gets
 * a connection of its own; the connection then holds the jobs it reserved, and finish, release,
 * abort and lease renewal of those messages (from whatever thread) go through it, only while the
 * message's token names that reservation. Submits, counts and peeks borrow an idle connection.
 * Thread-safe; {@link #close()} closes every connection, which gives back whatever is still reserved.
 */
public final class BeanstalkdBackend implements QueueBackend {

    private static final Logger LOG = LoggerFactory.getLogger(BeanstalkdBackend.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    /** How often the part of a wait below whole seconds, which a blocking reserve cannot wait, polls. */
    private static final Duration SUB_SECOND_POLL = Duration.ofMillis(50);
    /**
     * Everything but {@code peekMany}, {@code listDelayed} and {@code oldestReadyAge}: beanstalkd shows
     * only the first ready job ({@code peek-ready}) and the first delayed one ({@code peek-delayed}),
     * and a listing that moved jobs to see the others would change what it lists; {@code stats-job}
     * tells a job's age since its put, not since it became ready. Nor {@code workerHeartbeats}: beanstalkd
     * keeps nothing but jobs, a job can be neither replaced in place nor made to vanish on a timer, and
     * only one job per state of a tube can be seen without reserving it, so live workers could not be listed.
     * Nor {@code retainFinished}: a finished job must be deleted (a buried one would count as failed) and
     * beanstalkd has no other place to keep it. Nor {@code cancel}: {@code delete} removes a ready or
     * delayed job, but a job reserved by another connection (a running job) can be neither deleted nor
     * marked, so its worker could not learn that it was cancelled, and half a cancel is not offered.
     */
    static final QueueCapabilities CAPABILITIES = QueueCapabilities.all("beanstalkd")
            .without(Capability.PEEK_MANY, Capability.LIST_DELAYED, Capability.OLDEST_READY_AGE, Capability.WORKER_HEARTBEATS,
                    Capability.RETAIN_FINISHED, Capability.CANCEL, Capability.UNIQUE, Capability.CONCURRENCY_LIMIT,
                    Capability.RATE_LIMIT);

    private static final String NO_HEARTBEATS = "beanstalkd cannot keep worker heartbeats: it holds only jobs, which"
            + " neither expire by themselves nor can be listed beyond the first of a tube";

    private final String name;
    private final BeanstalkdOptions options;
    private final ConnectionPool pool;
    private final Reservations reservations;
    private final Finisher finisher;
    private final LeaseKeeper leases;
    private final FailedStore failedStore;
    private final Submits submits;
    private final Fetcher fetcher;
    private final TubeOps tube;
    private final TubeOwnership ownership;
    private final MessageLookup lookup;
    private final WakeSignal signal = new WakeSignal();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A queue on the tube {@code name}; connects lazily.
     *
     * @param leaseTimeout the lease: the time to run of every job this queue puts (whole seconds, rounded up)
     * @throws io.jobqueue.ConfigurationException when {@code name} cannot be a tube name, or names a tube
     *         that is not the queue's to take ({@code default}, a side tube of another queue)
     */
    public BeanstalkdBackend(String name, BeanstalkdOptions options, Duration leaseTimeout) {
        TubeNames.check(name);
        this.name = name;
        this.options = options;
        Endpoint endpoint = new Endpoint(options.host(), options.port(), name, CONNECT_TIMEOUT, REPLY_TIMEOUT);
        this.pool = new ConnectionPool(endpoint, name);
        this.reservations = new Reservations(pool, leaseTimeout.toNanos());
        this.finisher = new Finisher(reservations);
        this.leases = new LeaseKeeper(reservations);
        this.failedStore = new FailedStore(name, pool, options.maxJobSize());
        this.submits = new Submits(name, options.maxJobSize(), leaseTimeout);
        this.tube = new TubeOps(pool, name);
        this.fetcher = new Fetcher(pool, reservations);
        this.ownership = new TubeOwnership(pool, name, options.adoptTube());
        this.lookup = new MessageLookup(pool, name, failedStore);
    }

    /** Builds a backend from settings; used by the queue manager for {@code className: beanstalkd}. */
    public static BeanstalkdBackend create(QueueContext context) {
        return new BeanstalkdBackend(context.name(), BeanstalkdOptions.from(context), context.leaseTimeout());
    }

    @Override
    public QueueCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** {@code ttr}: the job's time to run in seconds, overriding the queue's option {@code ttr} for one submit. */
    @Override
    public Set<String> submitExtras() {
        return Set.of("ttr");
    }

    /** The options this queue runs with. */
    public BeanstalkdOptions options() {
        return options;
    }

    /**
     * Connects, checks the server, and checks that the tube is the queue's (marking it when it is
     * empty, or adopted); tubes need no creating (beanstalkd makes them on first use).
     *
     * @throws io.jobqueue.ConfigurationException when the tube holds jobs but no ownership mark
     */
    @Override
    public void setUp() {
        ownership.verify("setUp");
        long serverLimit = tube.serverMaxJobSize();
        if (serverLimit > 0 && options.maxJobSize() > serverLimit) {
            LOG.warn("Queue {}: option maxJobSize {} is above the max-job-size {} of beanstalkd at {}:{}; bigger jobs will be refused by the server",
                    name, options.maxJobSize(), serverLimit, options.host(), options.port());
        }
    }

    /** Puts every message pipelined: every {@code put} in one write, then the replies. */
    @Override
    public List<String> submit(List<NewMessage> messages) {
        leases.expireOverdue();
        List<Put> puts = submits.plan(messages);
        ownership.ensureOwned("submit");
        long[] ids = tube.put(puts);
        signal.wake();
        List<String> result = new ArrayList<>(ids.length);
        for (long id : ids) {
            result.add(Long.toString(id));
        }
        return result;
    }

    /**
     * Reserves what is ready now with pipelined zero-timeout reserves, and waits for one only when
     * none is: whole seconds in one blocking reserve (which the server ends as soon as a job comes),
     * what is left below a second by polling every 50 ms (woken early by this queue's submits and
     * releases). A blocking reserve cannot be interrupted, so an interrupted thread only polls once.
     */
    @Override
    public List<Message> reserve(int max, Duration timeout) {
        leases.expireOverdue();
        ownership.ensureOwned("reserve");
        long start = System.nanoTime();
        boolean interrupted = Thread.currentThread().isInterrupted();
        List<Message> reserved = fetcher.reserve(max, interrupted ? Duration.ZERO : Duration.ofSeconds(timeout.getSeconds()));
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        if (!reserved.isEmpty() || interrupted || left.isNegative() || left.isZero()) {
            return reserved;
        }
        return WaitLoop.poll(left, signal, SUB_SECOND_POLL, null, () -> fetcher.reserve(max, Duration.ZERO));
    }

    /** Deletes pipelined, one round trip for every holding connection together. */
    @Override
    public Set<String> finish(List<Message> messages) {
        return finisher.finish(messages);
    }

    /**
     * Releases on each holding connection; a give-back ({@code attempt} false) without a delay
     * buries the job and kicks it back, so beanstalkd counts no release.
     */
    @Override
    public Set<String> release(List<Message> messages, ReleaseOptions releaseOptions) {
        if (releaseOptions.priority() != null) {
            Submits.checkPriority(releaseOptions.priority());
        }
        Set<String> released = new HashSet<>();
        for (Message message : messages) {
            if (reservations.release(message, releaseOptions)) {
                released.add(message.id());
            }
        }
        if (!released.isEmpty()) {
            signal.wake();
        }
        return released;
    }

    @Override
    public Set<String> abort(List<Abort> aborts) {
        Set<String> aborted = new HashSet<>();
        for (Abort abort : aborts) {
            if (reservations.abort(abort.message(), abort.reason(), failedStore)) {
                aborted.add(abort.message().id());
            }
        }
        return aborted;
    }

    @Override
    public Set<String> extendLeases(List<Message> messages) {
        return leases.extendLeases(messages);
    }

    /** The next ready message: beanstalkd shows only the first ready job of a tube (no capability {@code peekMany}). */
    @Override
    public List<Message> peek(int limit) {
        leases.expireOverdue();
        ownership.ensureOwned("peek");
        return tube.peekFirst();
    }

    /** Every count from one {@code stats-tube}; failed messages are the buried jobs. */
    @Override
    public QueueCounts counts() {
        leases.expireOverdue();
        ownership.ensureOwned("counts");
        return tube.counts();
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        leases.expireOverdue();
        ownership.ensureOwned("listFailed");
        return failedStore.list(limit);
    }

    /** Never called: beanstalkd does not declare {@code workerHeartbeats}, so the core refuses the call first. */
    @Override
    public void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl) {
        throw new UnsupportedOperationException(NO_HEARTBEATS);
    }

    /** Never called: beanstalkd does not declare {@code workerHeartbeats}. */
    @Override
    public boolean removeHeartbeat(String workerId) {
        throw new UnsupportedOperationException(NO_HEARTBEATS);
    }

    /** Never called: beanstalkd does not declare {@code workerHeartbeats}. */
    @Override
    public List<WorkerHeartbeat> listHeartbeats(int limit) {
        throw new UnsupportedOperationException(NO_HEARTBEATS);
    }

    /** Never called: beanstalkd does not declare {@code listDelayed}, so the core refuses the call first. */
    @Override
    public List<DelayedMessage> listDelayed(int limit) {
        throw new UnsupportedOperationException("beanstalkd cannot list delayed jobs: peek-delayed shows only the next one");
    }

    /**
     * {@code stats-job} and {@code peek} of the id in one round trip, only for a job of this tube;
     * a failed message's reason comes from the failed store's index (see {@code docs/beanstalkd.md}).
     */
    @Override
    public Optional<MessageInfo> find(String id) {
        if (MessageLookup.parseExact(id) <= 0) {
            return Optional.empty();
        }
        leases.expireOverdue();
        ownership.ensureOwned("find");
        return lookup.find(id);
    }

    @Override
    public boolean retryFailed(String id) {
        ownership.ensureOwned("retryFailed");
        boolean retried = failedStore.retry(id);
        if (retried) {
            signal.wake();
        }
        return retried;
    }

    @Override
    public boolean deleteFailed(String id) {
        ownership.ensureOwned("deleteFailed");
        return failedStore.delete(id);
    }

    /**
     * Deletes the tube's ready, delayed and buried jobs, the jobs this instance holds reserved, and
     * the failed-message records; the ownership mark stays. Jobs reserved through other connections
     * (another process) cannot be deleted by anyone but their holder; they stay until finished or
     * their lease runs out.
     *
     * @throws io.jobqueue.ConfigurationException when the tube holds jobs but no ownership mark; nothing
     *         is deleted then
     */
    @Override
    public void flush() {
        ownership.verify("flush");
        reservations.deleteAllHeld();
        tube.drain();
        failedStore.flushIndex();
    }

    /** Closes every connection (the server puts jobs still reserved back to ready); idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.close();
            failedStore.close();
        }
    }

    @Override
    public String toString() {
        return "BeanstalkdBackend[" + name + " at " + options.host() + ":" + options.port() + "]";
    }
}
