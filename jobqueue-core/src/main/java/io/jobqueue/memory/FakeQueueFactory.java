package io.jobqueue.memory;

import io.jobqueue.Queue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;

/** Registers {@link FakeQueue} under the alias {@code fake}. */
public final class FakeQueueFactory implements QueueFactory {

    @Override
    public String alias() {
        return "fake";
    }

    @Override
    public Class<? extends Queue> queueType() {
        return FakeQueue.class;
    }

    @Override
    public Queue create(QueueContext context) {
        return FakeQueue.create(context);
    }
}
