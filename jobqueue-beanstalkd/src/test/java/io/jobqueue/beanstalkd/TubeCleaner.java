package io.jobqueue.beanstalkd;

import io.jobqueue.beanstalkd.internal.BeanstalkClient;
import io.jobqueue.beanstalkd.internal.Endpoint;
import io.jobqueue.beanstalkd.internal.RawJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes, after a test, every ready, delayed and buried job of the tubes it was told about and of
 * their side tubes ({@code .jq-failed}, {@code .jq-owner}), with a raw client, never through a
 * queue. Close the queues first, so the jobs they held are ready again. At most
 * {@value #MAX_JOBS} jobs per tube and state.
 */
final class TubeCleaner implements AutoCloseable {

    private static final int MAX_JOBS = 10_000;
    private static final String OWNER_SUFFIX = ".jq-owner";

    private final int port;
    private final List<String> tubes = new ArrayList<>();

    TubeCleaner(int port) {
        this.port = port;
    }

    /** Remembers a tube to empty, with its side tubes; returns it. */
    synchronized String track(String tube) {
        tubes.add(tube);
        tubes.add(tube + ".jq-failed");
        tubes.add(tube + OWNER_SUFFIX);
        return tube;
    }

    /** Empties every tube tracked so far. */
    @Override
    public synchronized void close() {
        if (tubes.isEmpty()) {
            return;
        }
        try (BeanstalkClient client = open(port)) {
            tubes.forEach(tube -> empty(client, tube));
        }
        tubes.clear();
    }

    /**
     * Deletes the ownership marks of the queues whose names start with {@code prefix} and whose tube
     * holds no job (for the conformance suite, which names its queues itself): a tube still in use
     * keeps its mark.
     */
    static void deleteMarksOfEmptyTubes(int port, String prefix) {
        try (BeanstalkClient client = open(port)) {
            for (String tube : client.listTubes()) {
                if (tube.startsWith(prefix) && tube.endsWith(OWNER_SUFFIX)
                        && isEmpty(client.statsTube(tube.substring(0, tube.length() - OWNER_SUFFIX.length())))) {
                    empty(client, tube);
                }
            }
        }
    }

    private static BeanstalkClient open(int port) {
        Endpoint endpoint = new Endpoint("127.0.0.1", port, "test clean-up", Duration.ofSeconds(2), Duration.ofSeconds(10));
        return BeanstalkClient.open(endpoint);
    }

    private static boolean isEmpty(Map<String, String> stats) {
        return stats == null || List.of("ready", "reserved", "delayed", "buried").stream()
                .allMatch(state -> "0".equals(stats.getOrDefault("current-jobs-" + state, "0")));
    }

    private static void empty(BeanstalkClient client, String tube) {
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
