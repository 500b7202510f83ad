package io.jobqueue.bench;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.memory.InMemoryQueue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A broken queue for testing the benchmark: of every 50 submits it silently drops one and stores
 * another twice; otherwise an {@link InMemoryQueue}. Alias {@code losing-and-duplicating}.
 */
final class LosingAndDuplicatingQueue implements Queue {

    private final InMemoryQueue delegate;
    private final AtomicLong submits = new AtomicLong();

    LosingAndDuplicatingQueue(String name) {
        this.delegate = new InMemoryQueue(name);
    }

    @Override
    public String submit(String payload, SubmitOptions options) {
        long n = submits.incrementAndGet() % 50;
        if (n == 7) {
            return "dropped-" + n;
        }
        String id = delegate.submit(payload, options);
        if (n == 13) {
            delegate.submit(payload, options);
        }
        return id;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public QueueCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void setUp() {
        delegate.setUp();
    }

    @Override
    public Optional<Message> waitAndTake(Duration timeout) {
        return delegate.waitAndTake(timeout);
    }

    @Override
    public Optional<Message> waitAndReserve(Duration timeout) {
        return delegate.waitAndReserve(timeout);
    }

    @Override
    public List<Message> waitAndReserve(int max, Duration timeout) {
        return delegate.waitAndReserve(max, timeout);
    }

    @Override
    public boolean release(String id, ReleaseOptions options) {
        return delegate.release(id, options);
    }

    @Override
    public boolean abort(String id, String reason) {
        return delegate.abort(id, reason);
    }

    @Override
    public boolean finish(String id) {
        return delegate.finish(id);
    }

    @Override
    public int finishAll(Collection<String> ids) {
        return delegate.finishAll(ids);
    }

    @Override
    public boolean extendLease(String id) {
        return delegate.extendLease(id);
    }

    @Override
    public Duration leaseTimeout() {
        return delegate.leaseTimeout();
    }

    @Override
    public List<Message> peek(int limit) {
        return delegate.peek(limit);
    }

    @Override
    public long countReady() {
        return delegate.countReady();
    }

    @Override
    public long countReserved() {
        return delegate.countReserved();
    }

    @Override
    public long countFailed() {
        return delegate.countFailed();
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        return delegate.listFailed(limit);
    }

    @Override
    public boolean retryFailed(String id) {
        return delegate.retryFailed(id);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    /** Registers the queue under {@code losing-and-duplicating}, for test configurations. */
    public static final class Factory implements QueueFactory {

        @Override
        public String alias() {
            return "losing-and-duplicating";
        }

        @Override
        public Class<? extends Queue> queueType() {
            return LosingAndDuplicatingQueue.class;
        }

        @Override
        public Queue create(QueueContext context) {
            context.options().done();
            return new LosingAndDuplicatingQueue(context.name());
        }
    }
}
