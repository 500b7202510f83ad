package io.jobqueue.bench;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.memory.InMemoryQueue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import io.jobqueue.testkit.ForwardingQueue;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A broken queue for testing the benchmark: of every 50 submits it silently drops one and stores
 * another twice; otherwise an {@link InMemoryQueue}. Alias {@code losing-and-duplicating}.
 */
final class LosingAndDuplicatingQueue extends ForwardingQueue {

    private final AtomicLong submits = new AtomicLong();

    LosingAndDuplicatingQueue(String name) {
        super(new InMemoryQueue(name));
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
    public List<Message> waitAndReserve(int max, Duration timeout) {
        return delegate.waitAndReserve(max, timeout);
    }

    @Override
    public int finishAll(Collection<String> ids) {
        return delegate.finishAll(ids);
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
