package io.jobqueue.beanstalkd;

import io.jobqueue.beanstalkd.internal.BeanstalkClient;
import io.jobqueue.beanstalkd.internal.Endpoint;
import io.jobqueue.beanstalkd.internal.RawJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes, after a test, every ready, delayed and buried job of the tubes it was told about and of
 * their side tubes ({@code .jq-failed}, {@code .jq-owner}), with a raw client, never through a
 * queue. Close the queues first, so the jobs they held are ready again. At most
 * {@value #MAX_JOBS} jobs per tube and state.
 */
final class TubeCleaner implements AutoCloseable {

    private static final int MAX_JOBS = 10_000;

    private final int port;
    private final List<String> tubes = new ArrayList<>();

    TubeCleaner(int port) {
        this.port = port;
    }

    /** Remembers a tube to empty, with its side tubes; returns it. */
    synchronized String track(String tube) {
        tubes.add(tube);
        tubes.add(tube + ".jq-failed");
        tubes.add(tube + ".jq-owner");
        return tube;
    }

    /** Empties every tube tracked so far. */
    @Override
    public synchronized void close() {
        if (tubes.isEmpty()) {
            return;
        }
        Endpoint endpoint = new Endpoint("127.0.0.1", port, "test clean-up", Duration.ofSeconds(2), Duration.ofSeconds(10));
        try (BeanstalkClient client = BeanstalkClient.open(endpoint)) {
            for (String tube : tubes) {
                client.use(tube);
                for (String state : List.of("ready", "delayed", "buried")) {
                    RawJob job = client.peekFirst(state);
                    for (int i = 0; job != null && i < MAX_JOBS; i++) {
                        client.delete(job.id());
                        job = client.peekFirst(state);
                    }
                }
            }
        }
        tubes.clear();
    }
}
