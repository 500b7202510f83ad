package io.jobqueue.redis;

import io.jobqueue.Queue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;

/** Registers {@link RedisQueue} under the alias {@code redis} ({@code className: redis}). */
public final class RedisQueueFactory implements QueueFactory {

    @Override
    public String alias() {
        return "redis";
    }

    @Override
    public Class<? extends Queue> queueType() {
        return RedisQueue.class;
    }

    @Override
    public Queue create(QueueContext context) {
        return RedisQueue.create(context);
    }
}
