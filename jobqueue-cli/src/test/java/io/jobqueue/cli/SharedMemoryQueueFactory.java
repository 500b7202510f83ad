package io.jobqueue.cli;

import io.jobqueue.Queue;
import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test backend {@code shared-memory}: in-memory backends that outlive one command run, so a test can
 * submit with one {@code jobqueue} run and list or work with the next, as a user does against a
 * real server. Backends are kept by name until {@link #clear()}.
 */
public final class SharedMemoryQueueFactory implements QueueFactory {

    private static final Map<String, InMemoryBackend> BACKENDS = new ConcurrentHashMap<>();

    @Override
    public String alias() {
        return "shared-memory";
    }

    @Override
    public Class<? extends QueueBackend> backendType() {
        return InMemoryBackend.class;
    }

    @Override
    public QueueBackend create(QueueContext context) {
        context.options().done();
        return BACKENDS.computeIfAbsent(context.name(), n -> new InMemoryBackend(Duration.ofSeconds(60), System::nanoTime,
                Clock.systemUTC(), context.retainFinished()));
    }

    /**
     * The queue of that backend name, created if needed, as a test submits to it; a backend that
     * keeps finished messages must be created by a command run first (its settings give the retention).
     */
    static Queue queue(String name) {
        return Queue.of(new QueueContext(name, name, Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(60)), backend(name));
    }

    private static InMemoryBackend backend(String name) {
        return BACKENDS.computeIfAbsent(name, n -> new InMemoryBackend(Duration.ofSeconds(60), System::nanoTime, Clock.systemUTC()));
    }

    static void clear() {
        BACKENDS.clear();
    }
}
