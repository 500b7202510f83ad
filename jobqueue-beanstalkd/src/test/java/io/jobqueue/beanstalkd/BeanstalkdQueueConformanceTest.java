package io.jobqueue.beanstalkd;

import io.jobqueue.Queue;
import io.jobqueue.beanstalkd.internal.BeanstalkClient;
import io.jobqueue.beanstalkd.internal.Endpoint;
import io.jobqueue.spi.QueueContext;
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
 * On the shared server the ownership marks of the suite's queues, which their flushes keep, are
 * deleted at the end.
 */
class BeanstalkdQueueConformanceTest extends QueueConformanceTest {

    static final int SHARED_PORT = 11300;
    static final int LARGE_JOBS = 2 * 1024 * 1024;

    private static BeanstalkdServer privateServer;
    private static TubeCleaner sharedCleaner;
    private static int port;

    @BeforeAll
    static void server() {
        Services.assumeReachable("beanstalkd", "127.0.0.1", SHARED_PORT);
        if (maxJobSize(SHARED_PORT) >= LARGE_JOBS) {
            port = SHARED_PORT;
            sharedCleaner = new TubeCleaner(SHARED_PORT);
        } else {
            privateServer = BeanstalkdServer.start("-z", Integer.toString(LARGE_JOBS));
            port = privateServer.port();
        }
    }

    @AfterAll
    static void stopServer() {
        if (sharedCleaner != null) {
            sharedCleaner.close();
            sharedCleaner = null;
        }
        if (privateServer != null) {
            privateServer.close();
            privateServer = null;
        }
    }

    @Override
    protected Queue createQueue(String name, Map<String, Object> options) {
        Map<String, Object> merged = new HashMap<>(Map.of("host", "127.0.0.1", "port", port, "maxJobSize", LARGE_JOBS));
        merged.putAll(options);
        if (sharedCleaner != null) {
            sharedCleaner.track(name);
        }
        return new BeanstalkdQueueFactory().create(QueueContext.of(name, merged));
    }

    static long maxJobSize(int serverPort) {
        Endpoint endpoint = new Endpoint("127.0.0.1", serverPort, "test", Duration.ofSeconds(2), Duration.ofSeconds(10));
        try (BeanstalkClient client = BeanstalkClient.open(endpoint)) {
            return client.maxJobSize();
        }
    }
}
