package io.jobqueue;

import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test backend {@code flaky}: an in-memory backend whose first {@code failures} reserve calls throw,
 * as a backend that is down for a while would.
 */
public final class FlakyQueueFactory implements QueueFactory {

    @Override
    public String alias() {
        return "flaky";
    }

    @Override
    public Class<? extends QueueBackend> backendType() {
        return FlakyBackend.class;
    }

    @Override
    public QueueBackend create(QueueContext context) {
        OptionReader options = context.options();
        int failures = options.integer("failures", 3);
        options.done();
        return new FlakyBackend(context, failures);
    }

    /** The failing part. */
    static final class FlakyBackend extends ForwardingBackend {
        private final String name;
        private final int failures;
        private final AtomicInteger failed = new AtomicInteger();

        FlakyBackend(QueueContext context, int failures) {
            super(new InMemoryBackend(context.leaseTimeout(), System::nanoTime, Clock.systemUTC()));
            this.name = context.name();
            this.failures = failures;
        }

        @Override
        public List<Message> reserve(int max, Duration timeout) {
            if (failed.getAndIncrement() < failures) {
                throw new BackendException("connection refused (planned)", name, null);
            }
            return super.reserve(max, timeout);
        }
    }
}
