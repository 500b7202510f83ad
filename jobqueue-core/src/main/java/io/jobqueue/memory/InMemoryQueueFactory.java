package io.jobqueue.memory;

import io.jobqueue.Queue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;

/** Registers {@link InMemoryQueue} under the alias {@code memory}. */
public final class InMemoryQueueFactory implements QueueFactory {

    @Override
    public String alias() {
        return "memory";
    }

    @Override
    public Class<? extends Queue> queueType() {
        return InMemoryQueue.class;
    }

    @Override
    public Queue create(QueueContext context) {
        return InMemoryQueue.create(context);
    }
}
