package io.jobqueue;

import io.jobqueue.memory.InMemoryQueue;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test backend {@code lease-losing}: an in-memory queue that, once a test calls {@link #lose} or
 * {@link #fail} for its name, no longer renews any lease — {@code extendLease(s)} answer "not held"
 * (the lease went to someone else) or throw (the backend is unreachable). Its messages are really
 * held for a minute, whatever the {@code leaseTimeout} the worker is told, so a lost message stays
 * reserved while the test looks; every finish, release and abort is written down.
 */
public final class LeaseLosingQueueFactory implements QueueFactory {

    /** How the queue of a name behaves now. */
    enum Mode { RENEW, LOSE, FAIL }

    private static final Map<String, Mode> MODES = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> COMPLETIONS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REFUSED = new ConcurrentHashMap<>();

    /** From now on, the queue of that (backend) name says it holds none of its leases. */
    static void lose(String name) {
        MODES.put(name, Mode.LOSE);
    }

    /** From now on, renewing a lease of the queue of that name throws. */
    static void fail(String name) {
        MODES.put(name, Mode.FAIL);
    }

    /** Every finish, release and abort of the queue of that name, e.g. "release 1". */
    static List<String> completions(String name) {
        return COMPLETIONS.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
    }

    /** How often {@code extendLease} said "not held" to the queue of that name. */
    static int refusedRenewals(String name) {
        return refused(name).get();
    }

    private static AtomicInteger refused(String name) {
        return REFUSED.computeIfAbsent(name, k -> new AtomicInteger());
    }

    @Override
    public String alias() {
        return "lease-losing";
    }

    @Override
    public Class<? extends Queue> queueType() {
        return LeaseLosingQueue.class;
    }

    @Override
    public Queue create(QueueContext context) {
        OptionReader options = context.options();
        Duration lease = options.seconds("leaseTimeout", Duration.ofSeconds(2));
        options.done();
        return new LeaseLosingQueue(context.name(), lease);
    }

    /** The queue. */
    static final class LeaseLosingQueue extends ForwardingQueue {
        private final Duration lease;

        LeaseLosingQueue(String name, Duration lease) {
            super(new InMemoryQueue(name, Duration.ofSeconds(60), Duration.ofMinutes(1)));
            this.lease = lease;
        }

        private Mode mode() {
            Mode mode = MODES.getOrDefault(name(), Mode.RENEW);
            if (mode == Mode.FAIL) {
                throw new BackendException("connection refused (planned)", name(), null);
            }
            return mode;
        }

        @Override
        public Duration leaseTimeout() {
            return lease;
        }

        @Override
        public boolean extendLease(String id) {
            if (mode() == Mode.RENEW) {
                return super.extendLease(id);
            }
            refused(name()).incrementAndGet();
            return false;
        }

        @Override
        public int extendLeases(Collection<String> ids) {
            return mode() == Mode.RENEW ? super.extendLeases(ids) : 0;
        }

        @Override
        public boolean finish(String id) {
            completions(name()).add("finish " + id);
            return super.finish(id);
        }

        @Override
        public int finishAll(Collection<String> ids) {
            ids.forEach(id -> completions(name()).add("finish " + id));
            return super.finishAll(ids);
        }

        @Override
        public boolean release(String id, ReleaseOptions options) {
            completions(name()).add("release " + id);
            return super.release(id, options);
        }

        @Override
        public boolean abort(String id, String reason) {
            completions(name()).add("abort " + id);
            return super.abort(id, reason);
        }
    }
}
