package io.jobqueue;

import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test backend {@code lease-losing}: an in-memory backend that, once a test calls {@link #lose} or
 * {@link #fail} for its name, no longer renews any lease — {@code extendLeases} answers "not held"
 * (the lease went to someone else) or throws (the backend is unreachable). Its messages are really
 * held for a minute, whatever the {@code leaseTimeout} the worker is told, so a lost message stays
 * reserved while the test looks; every finish, release and abort is written down.
 */
public final class LeaseLosingQueueFactory implements QueueFactory {

    /** How the backend of a name behaves now. */
    enum Mode { RENEW, LOSE, FAIL }

    private static final Map<String, Mode> MODES = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> COMPLETIONS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REFUSED = new ConcurrentHashMap<>();

    /** From now on, the backend of that (queue) name says it holds none of its leases. */
    static void lose(String name) {
        MODES.put(name, Mode.LOSE);
    }

    /** From now on, renewing a lease of the backend of that name throws. */
    static void fail(String name) {
        MODES.put(name, Mode.FAIL);
    }

    /** Every finish, release and abort of the backend of that name, e.g. "release 1". */
    static List<String> completions(String name) {
        return COMPLETIONS.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
    }

    /** How many renewals the backend of that name answered with "not held". */
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
    public Class<? extends QueueBackend> backendType() {
        return LeaseLosingBackend.class;
    }

    @Override
    public QueueBackend create(QueueContext context) {
        context.options().done();
        return new LeaseLosingBackend(context.name());
    }

    /** The backend. */
    static final class LeaseLosingBackend extends ForwardingBackend {
        private final String name;

        LeaseLosingBackend(String name) {
            super(new InMemoryBackend(Duration.ofMinutes(1), System::nanoTime, Clock.systemUTC()));
            this.name = name;
        }

        private Mode mode() {
            Mode mode = MODES.getOrDefault(name, Mode.RENEW);
            if (mode == Mode.FAIL) {
                throw new BackendException("connection refused (planned)", name, null);
            }
            return mode;
        }

        @Override
        public Set<String> extendLeases(List<Message> messages) {
            if (mode() == Mode.RENEW) {
                return super.extendLeases(messages);
            }
            refused(name).addAndGet(messages.size());
            return Set.of();
        }

        @Override
        public Set<String> finish(List<Message> messages) {
            messages.forEach(m -> completions(name).add("finish " + m.id()));
            return super.finish(messages);
        }

        @Override
        public Set<String> release(List<Message> messages, ReleaseOptions options) {
            messages.forEach(m -> completions(name).add("release " + m.id()));
            return super.release(messages, options);
        }

        @Override
        public Set<String> abort(List<Abort> aborts) {
            aborts.forEach(a -> completions(name).add("abort " + a.message().id()));
            return super.abort(aborts);
        }
    }
}
