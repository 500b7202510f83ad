package io.jobqueue;

import io.jobqueue.memory.InMemoryQueue;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test backend {@code flaky}: an in-memory queue whose first {@code failures} reserve calls throw,
 * as a backend that is down for a while would.
 */
public final class FlakyQueueFactory implements QueueFactory {

    @Override
    public String alias() {
        return "flaky";
    }

    @Override
    public Class<? extends Queue> queueType() {
        return FlakyQueue.class;
    }

    @Override
    public Queue create(QueueContext context) {
        OptionReader options = context.options();
        int failures = options.integer("failures", 3);
        options.done();
        return new FlakyQueue(context.name(), failures, new AtomicInteger());
    }

    /** The failing part. */
    static final class FlakyQueue extends ForwardingQueue {
        private final int failures;
        private final AtomicInteger failed;

        FlakyQueue(String name, int failures, AtomicInteger failed) {
            super(new InMemoryQueue(name));
            this.failures = failures;
            this.failed = failed;
        }

        @Override
        public List<Message> waitAndReserve(int max, Duration timeout) {
            if (failed.getAndIncrement() < failures) {
                throw new BackendException("connection refused (planned)", name(), null);
            }
            return super.waitAndReserve(max, timeout);
        }
    }
}
