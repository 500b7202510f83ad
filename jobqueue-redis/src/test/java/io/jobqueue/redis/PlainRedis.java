package io.jobqueue.redis;

import io.jobqueue.testkit.Services;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A plain Lettuce client on the test Redis (127.0.0.1:6379, database 0), for tests that read and
 * write a queue's keys behind its back: {@link #connect()} in {@code @BeforeAll} (skipping the class
 * when Redis is not reachable), {@link #close()} in {@code @AfterAll}.
 */
final class PlainRedis implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private PlainRedis() {
        client = RedisClient.create("redis://127.0.0.1:6379/0");
        connection = client.connect();
    }

    /** Connects, or skips the test class when nothing answers on 127.0.0.1:6379. */
    static PlainRedis connect() {
        Services.assumeReachable("Redis", "127.0.0.1", 6379);
        return new PlainRedis();
    }

    /** Synchronous commands on the one connection. */
    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
