package io.jobqueue.redis;

import io.jobqueue.testkit.QueueConformanceTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared conformance suite against a Redis Cluster of three masters that the test starts for
 * itself ({@code cluster: true}); the queues' random names spread them over all three nodes.
 */
class RedisClusterConformanceTest extends QueueConformanceTest {

    private static PrivateRedisCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = PrivateRedisCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected Map<String, Object> backendSettings(Map<String, Object> suiteOptions) {
        Map<String, Object> merged = new HashMap<>(Map.of("port", cluster.port(1), "cluster", true));
        merged.putAll(suiteOptions);
        return Map.of("className", "redis", "options", merged);
    }
}
