package io.jobqueue;

import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.ForwardingBackend;
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
 * and whose first {@code heartbeatFailures} heartbeat publishes throw, as a backend that is down for a
 * while would.
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
        int heartbeatFailures = options.integer("heartbeatFailures", 0);
        options.done();
        return new FlakyBackend(context, failures, heartbeatFailures);
    }

    /** The failing part. */
    static final class FlakyBackend extends ForwardingBackend {
        private final String name;
        private final int failures;
        private final AtomicInteger failed = new AtomicInteger();
        private final int heartbeatFailures;
        private final AtomicInteger heartbeatsFailed = new AtomicInteger();

        FlakyBackend(QueueContext context, int failures, int heartbeatFailures) {
            super(new InMemoryBackend(context.leaseTimeout(), System::nanoTime, Clock.systemUTC()));
            this.name = context.name();
            this.failures = failures;
            this.heartbeatFailures = heartbeatFailures;
        }

        @Override
        public void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl) {
            if (heartbeatsFailed.getAndIncrement() < heartbeatFailures) {
                throw new BackendException("connection refused (planned)", name, null);
            }
            super.publishHeartbeat(heartbeat, ttl);
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
