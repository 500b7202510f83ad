package io.jobqueue.redis;

import io.jobqueue.Queue;
import io.jobqueue.redis.internal.Keys;
import io.jobqueue.redis.internal.RedisSettings;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.util.Optional;

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

    /**
     * The server (without credentials), the database and the queue's keys, e.g.
     * {@code 127.0.0.1:6379 database 0 keys jobqueue:{p-mail}:*}: two configured queues with the same
     * prefixed name on the same server and database would share every message, so the queue manager
     * refuses them. Reads the options without connecting.
     */
    @Override
    public Optional<String> location(QueueContext context) {
        RedisSettings settings = RedisSettings.read(context);
        return Optional.of(settings.location(Keys.forQueue(context.name()).base()));
    }
}
