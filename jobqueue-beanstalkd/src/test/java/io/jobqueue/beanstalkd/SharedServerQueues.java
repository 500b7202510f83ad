package io.jobqueue.beanstalkd;

import io.jobqueue.Queue;
import io.jobqueue.beanstalkd.internal.BeanstalkClient;
import io.jobqueue.beanstalkd.internal.Endpoint;
import io.jobqueue.beanstalkd.internal.JobStats;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The base of tests on the shared server (127.0.0.1:11300): queues built through the facade, set
 * up, and flushed, closed and their tubes emptied (the ownership marks too) after each test; a raw
 * client to see what the server holds.
 */
abstract class SharedServerQueues {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final int PORT = 11300;

    private final List<Queue> queues = new ArrayList<>();
    private final TubeCleaner cleaner = new TubeCleaner(PORT);

    @BeforeAll
    static void server() {
        Services.assumeReachable("beanstalkd", "127.0.0.1", PORT);
    }

    @AfterEach
    final void cleanUp() {
        for (Queue queue : queues) {
            queue.flush();
            queue.close();
        }
        cleaner.close(); // the ownership marks, which a flush keeps
    }

    /** A queue on the tube {@code name} with these options, set up. */
    final Queue queue(String name, Map<String, Object> options) {
        Queue queue = Queue.open(new BeanstalkdQueueFactory(), name, options);
        queues.add(queue);
        cleaner.track(name);
        queue.setUp();
        return queue;
    }

    /** A queue with a fresh name and these options, set up. */
    final Queue queue(Map<String, Object> options) {
        return queue(Services.uniqueName("bq"), options);
    }

    /** A tube to be emptied after the test, for a queue the test closes itself. */
    final String track(String tube) {
        return cleaner.track(tube);
    }

    /** A raw client that uses {@code tube}. */
    static BeanstalkClient raw(String tube) {
        BeanstalkClient client = BeanstalkClient.open(new Endpoint("127.0.0.1", PORT, tube, Duration.ofSeconds(2), WAIT));
        client.use(tube);
        return client;
    }

    /** The server's {@code stats-job} of a message that is still its first job. */
    static JobStats stats(Queue queue, String id) {
        try (BeanstalkClient client = raw(queue.name())) {
            return client.statsJob(Long.parseLong(id));
        }
    }
}
