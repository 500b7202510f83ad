package io.jobqueue.redis;

import io.jobqueue.redis.internal.Keys;
import io.jobqueue.redis.internal.RedisSettings;
import io.jobqueue.spi.BackendFactory;
import io.jobqueue.spi.QueueContext;
import java.util.Optional;

/** Registers {@link RedisBackend} under the alias {@code redis} ({@code className: redis}). */
public final class RedisQueueFactory extends BackendFactory {

    public RedisQueueFactory() {
        super("redis", RedisBackend.class, RedisBackend::create, RedisBackend.CAPABILITIES);
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
