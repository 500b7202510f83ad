package io.jobqueue.cli;

import io.jobqueue.Queue;
import io.jobqueue.memory.InMemoryQueue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test backend {@code shared-memory}: in-memory queues that outlive one command run, so a test can
 * submit with one {@code jobqueue} run and list or work with the next, as a user does against a
 * real server. Queues are kept by name until {@link #clear()}.
 */
public final class SharedMemoryQueueFactory implements QueueFactory {

    private static final Map<String, InMemoryQueue> QUEUES = new ConcurrentHashMap<>();

    @Override
    public String alias() {
        return "shared-memory";
    }

    @Override
    public Class<? extends Queue> queueType() {
        return InMemoryQueue.class;
    }

    @Override
    public Queue create(QueueContext context) {
        context.options().done();
        return QUEUES.computeIfAbsent(context.name(),
                name -> new InMemoryQueue(name, Duration.ofSeconds(1), Duration.ofSeconds(60)));
    }

    /** The queue of that backend name, created if needed. */
    static InMemoryQueue queue(String name) {
        return QUEUES.computeIfAbsent(name, n -> new InMemoryQueue(n, Duration.ofSeconds(1), Duration.ofSeconds(60)));
    }

    static void clear() {
        QUEUES.clear();
    }
}
