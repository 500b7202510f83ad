package io.jobqueue.bench;

import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A broken backend for testing the benchmark: of every 50 submitted messages it silently drops one
 * and stores another twice; otherwise an {@link InMemoryBackend}. Alias {@code losing-and-duplicating}.
 */
final class LosingAndDuplicatingQueue extends ForwardingBackend {

    private final AtomicLong submits = new AtomicLong();

    LosingAndDuplicatingQueue(QueueContext context) {
        super(InMemoryBackend.create(context));
    }

    @Override
    public List<String> submit(List<NewMessage> messages) {
        List<String> ids = new ArrayList<>(messages.size());
        for (NewMessage message : messages) {
            long n = submits.incrementAndGet() % 50;
            if (n == 7) {
                ids.add("dropped-" + n);
                continue;
            }
            ids.add(delegate.submit(List.of(message)).get(0));
            if (n == 13) {
                delegate.submit(List.of(message));
            }
        }
        return ids;
    }

    /** Registers the backend under {@code losing-and-duplicating}, for test configurations. */
    public static final class Factory implements QueueFactory {

        @Override
        public String alias() {
            return "losing-and-duplicating";
        }

        @Override
        public Class<? extends QueueBackend> backendType() {
            return LosingAndDuplicatingQueue.class;
        }

        @Override
        public QueueBackend create(QueueContext context) {
            return new LosingAndDuplicatingQueue(context);
        }
    }
}
