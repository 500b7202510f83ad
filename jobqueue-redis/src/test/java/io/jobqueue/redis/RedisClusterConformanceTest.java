package io.jobqueue.redis;

import io.jobqueue.Queue;
import io.jobqueue.spi.QueueContext;
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
    protected Queue createQueue(String name, Map<String, Object> options) {
        Map<String, Object> merged = new HashMap<>(Map.of("port", cluster.port(1), "cluster", true));
        merged.putAll(options);
        return new RedisQueueFactory().create(QueueContext.of(name, merged));
    }
}
