package io.jobqueue.redis;

import io.jobqueue.testkit.QueueConformanceTest;
import io.jobqueue.testkit.Services;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/** The shared conformance suite against the Redis server on 127.0.0.1:6379. */
class RedisQueueConformanceTest extends QueueConformanceTest {

    @BeforeAll
    static void server() {
        Services.assumeReachable("Redis", "127.0.0.1", 6379);
    }

    @Override
    protected Map<String, Object> backendSettings(Map<String, Object> suiteOptions) {
        Map<String, Object> merged = new HashMap<>(Map.of("host", "127.0.0.1", "port", 6379));
        merged.putAll(suiteOptions);
        return Map.of("className", "redis", "options", merged);
    }
}
