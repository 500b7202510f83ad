package io.jobqueue.beanstalkd;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.beanstalkd.internal.ConnectionPool;
import io.jobqueue.beanstalkd.internal.Endpoint;
import io.jobqueue.beanstalkd.internal.FailedStore;
import io.jobqueue.beanstalkd.internal.Fetcher;
import io.jobqueue.beanstalkd.internal.Finisher;
import io.jobqueue.beanstalkd.internal.LeaseKeeper;
import io.jobqueue.beanstalkd.internal.Reservations;
import io.jobqueue.beanstalkd.internal.Submits;
import io.jobqueue.beanstalkd.internal.Timeouts;
import io.jobqueue.beanstalkd.internal.TubeNames;
import io.jobqueue.beanstalkd.internal.TubeOps;
import io.jobqueue.beanstalkd.internal.TubeOwnership;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
 * abort and lease renewal of those ids (from whatever thread) go through it. Submits, counts and
 * peeks borrow an idle connection. Thread-safe; {@link #close()} closes every connection, which
 * gives back whatever is still reserved.
 */
public final class BeanstalkdQueue implements Queue {

    private static final Logger LOG = LoggerFactory.getLogger(BeanstalkdQueue.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final QueueCapabilities CAPABILITIES = QueueCapabilities.all("beanstalkd").withoutPeekMany();

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
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A queue on the tube {@code name}; connects lazily.
     *
     * @throws io.jobqueue.ConfigurationException when {@code name} cannot be a tube name, or names a tube
     *         that is not the queue's to take ({@code default}, a side tube of another queue)
     */
    public BeanstalkdQueue(String name, BeanstalkdOptions options) {
        TubeNames.check(name);
        this.name = name;
        this.options = options;
        Endpoint endpoint = new Endpoint(options.host(), options.port(), name, CONNECT_TIMEOUT, REPLY_TIMEOUT);
        this.pool = new ConnectionPool(endpoint, name);
        this.reservations = new Reservations(pool, options.ttr().toNanos());
        this.finisher = new Finisher(reservations);
        this.leases = new LeaseKeeper(reservations);
        this.failedStore = new FailedStore(name, pool, options.maxJobSize());
        this.submits = new Submits(name, options);
        this.tube = new TubeOps(pool, name);
        this.fetcher = new Fetcher(pool, reservations);
        this.ownership = new TubeOwnership(pool, name, options.adoptTube());
    }

    /** Builds a queue from settings; used by the queue manager for {@code className: beanstalkd}. */
    public static BeanstalkdQueue create(QueueContext context) {
        return new BeanstalkdQueue(context.name(), BeanstalkdOptions.from(context));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public QueueCapabilities capabilities() {
        return CAPABILITIES;
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

    @Override
    public Duration leaseTimeout() {
        return options.ttr();
    }

    @Override
    public String submit(String payload, SubmitOptions submitOptions) {
        return submitAll(List.of(payload), submitOptions).get(0);
    }

    /** Puts all payloads pipelined: every {@code put} in one write, then the replies. */
    @Override
    public List<String> submitAll(List<String> payloads, SubmitOptions submitOptions) {
        leases.expireOverdue();
        Submits.Plan plan = submits.plan(payloads, submitOptions);
        ownership.ensureOwned("submit");
        long[] ids = tube.put(plan);
        List<String> result = new ArrayList<>(ids.length);
        for (long id : ids) {
            result.add(Long.toString(id));
        }
        return result;
    }

    @Override
    public Optional<Message> waitAndTake(Duration timeout) {
        List<Message> taken = reserve(1, timeout, true);
        return taken.isEmpty() ? Optional.empty() : Optional.of(taken.get(0));
    }

    @Override
    public Optional<Message> waitAndReserve(Duration timeout) {
        List<Message> reserved = reserve(1, timeout, false);
        return reserved.isEmpty() ? Optional.empty() : Optional.of(reserved.get(0));
    }

    /** Reserves what is ready now with pipelined zero-timeout reserves; waits for one only when none is. */
    @Override
    public List<Message> waitAndReserve(int max, Duration timeout) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        return reserve(max, timeout, false);
    }

    @Override
    public boolean release(String id, ReleaseOptions releaseOptions) {
        Long priority = releaseOptions.priority() == null ? null : (long) Submits.checkPriority(releaseOptions.priority());
        return reservations.release(id, priority, Timeouts.wholeSecondsUp(releaseOptions.delay()));
    }

    @Override
    public boolean abort(String id, String reason) {
        return reservations.abort(id, reason, failedStore);
    }

    @Override
    public boolean finish(String id) {
        return finisher.finish(List.of(id)) == 1;
    }

    /** Deletes pipelined, one round trip per holding connection. */
    @Override
    public int finishAll(Collection<String> ids) {
        return finisher.finish(ids);
    }

    @Override
    public boolean extendLease(String id) {
        return leases.extendLeases(List.of(id)) == 1;
    }

    @Override
    public int extendLeases(Collection<String> ids) {
        return leases.extendLeases(ids);
    }

    /**
     * The next ready message. Beanstalkd shows only the first ready job of a tube, so a limit
     * above 1 is not supported (capability {@code peekMany}).
     */
    @Override
    public List<Message> peek(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        if (limit > 1) {
            throw CAPABILITIES.unsupported(name, "peek with a limit above 1");
        }
        if (limit == 0) {
            return List.of();
        }
        leases.expireOverdue();
        ownership.ensureOwned("peek");
        return tube.peekFirst();
    }

    @Override
    public long countReady() {
        leases.expireOverdue();
        ownership.ensureOwned("count");
        return tube.count("current-jobs-ready");
    }

    @Override
    public long countReserved() {
        leases.expireOverdue();
        ownership.ensureOwned("count");
        return tube.count("current-jobs-reserved");
    }

    @Override
    public long countFailed() {
        leases.expireOverdue();
        ownership.ensureOwned("count");
        return failedStore.count();
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        leases.expireOverdue();
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        ownership.ensureOwned("listFailed");
        return limit == 0 ? List.of() : failedStore.list(limit);
    }

    @Override
    public boolean retryFailed(String id) {
        ownership.ensureOwned("retryFailed");
        return failedStore.retry(id);
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
        return "BeanstalkdQueue[" + name + " at " + options.host() + ":" + options.port() + "]";
    }

    private List<Message> reserve(int max, Duration timeout, boolean take) {
        leases.expireOverdue();
        ownership.ensureOwned(take ? "waitAndTake" : "waitAndReserve");
        return fetcher.reserve(max, timeout == null ? options.defaultTimeout() : timeout, take);
    }
}
