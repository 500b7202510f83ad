package io.jobqueue.beanstalkd;

import io.jobqueue.beanstalkd.internal.BeanstalkClient;
import io.jobqueue.beanstalkd.internal.Endpoint;
import io.jobqueue.testkit.QueueConformanceTest;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite against a real beanstalkd: the shared one on 127.0.0.1:11300 when it
 * takes jobs of 2 MiB ({@code -z 2097152}, as {@code .ci/run} starts it), else a private one
 * started with that limit (the suite sends a 1 MiB payload; beanstalkd's default limit is 64 KiB).
 * On the shared server the ownership marks that the suite's queues (named {@code ct-...}) leave,
 * since a flush keeps them, are deleted at the end.
 */
class BeanstalkdQueueConformanceTest extends QueueConformanceTest {

    static final int SHARED_PORT = 11300;
    static final int LARGE_JOBS = 2 * 1024 * 1024;
    private static final String SUITE_TUBES = "ct-";

    private static BeanstalkdServer privateServer;
    private static int port;

    @BeforeAll
    static void server() {
        Services.assumeReachable("beanstalkd", "127.0.0.1", SHARED_PORT);
        if (maxJobSize(SHARED_PORT) >= LARGE_JOBS) {
            port = SHARED_PORT;
        } else {
            privateServer = BeanstalkdServer.start("-z", Integer.toString(LARGE_JOBS));
            port = privateServer.port();
        }
    }

    @AfterAll
    static void stopServer() {
        if (privateServer != null) {
            privateServer.close();
            privateServer = null;
        } else if (port == SHARED_PORT) {
            TubeCleaner.deleteMarksOfEmptyTubes(SHARED_PORT, SUITE_TUBES);
        }
    }

    @Override
    protected Map<String, Object> backendSettings(Map<String, Object> suiteOptions) {
        Map<String, Object> merged = new HashMap<>(Map.of("host", "127.0.0.1", "port", port, "maxJobSize", LARGE_JOBS));
        merged.putAll(suiteOptions);
        return Map.of("className", "beanstalkd", "options", merged);
    }

    static long maxJobSize(int serverPort) {
        Endpoint endpoint = new Endpoint("127.0.0.1", serverPort, "test", Duration.ofSeconds(2), Duration.ofSeconds(10));
        try (BeanstalkClient client = BeanstalkClient.open(endpoint)) {
            return client.maxJobSize();
        }
    }
}
