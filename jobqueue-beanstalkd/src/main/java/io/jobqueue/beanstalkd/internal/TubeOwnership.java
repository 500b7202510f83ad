package io.jobqueue.beanstalkd.internal;

import io.jobqueue.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a queue works only on a tube it marked as its own. Beanstalkd keeps nothing about a
 * tube but its jobs, and bodies are raw payloads, so the mark is a job of its own: a small body
 * buried in the side tube {@code <tube>.jq-owner}, where nothing reserves it and the binlog keeps it.
 *
 * <p>Before its first operation a queue instance checks the tube (one {@code stats-tube} of the
 * mark's tube, and of the queue's tube when there is no mark):
 * <ul>
 *   <li>a mark is there: the tube is the queue's;</li>
 *   <li>no mark and no job in the tube: the queue writes the mark and the tube is its own;</li>
 *   <li>no mark but jobs: they were put by someone else (another application, or an earlier
 *       version of this library, which wrote no mark), so the operation is refused with a
 *       {@link ConfigurationException} before anything is reserved, put, changed or deleted — unless
 *       option {@code adoptTube} says to take them over, which writes the mark.</li>
 * </ul>
 * The answer is kept once the check passed; {@code setUp} and {@code flush} check again every time.
 * A server restarted without a binlog loses the mark with the jobs: every connection the queue
 * opens afterwards is checked first ({@link ConnectionPool#onOpen}), and an instance that owned the
 * tube writes its mark again before it puts anything. Thread-safe.
 */
public final class TubeOwnership {

    private static final Logger LOG = LoggerFactory.getLogger(TubeOwnership.class);
    /** Marks buried per writing, at most: the one just put, and strays of writers that died between put and bury. */
    private static final int MAX_MARKS = 100;
    private static final long MARK_TTR_SECONDS = 60;

    private final TubeOps tubeOps;
    private final Endpoint endpoint;
    private final String tube;
    private final String markTube;
    private final boolean adopt;
    private volatile boolean owned;

    /**
     * @param adopt take a tube with jobs but no mark as the queue's own (option {@code adoptTube})
     */
    public TubeOwnership(ConnectionPool pool, String tube, boolean adopt) {
        this.tubeOps = new TubeOps(pool, tube);
        this.endpoint = pool.endpoint();
        this.tube = tube;
        this.markTube = tube + TubeNames.OWNER_SUFFIX;
        this.adopt = adopt;
        pool.onOpen(this::checkMarkOn);
    }

    /** Checks the tube unless a check of this instance passed before. */
    public void ensureOwned(String operation) {
        if (!owned) {
            verify(operation);
        }
    }

    /**
     * Checks the tube now, and marks it when it is empty (or adopted).
     *
     * @throws ConfigurationException when the tube holds jobs but no mark and adopting was not asked for
     */
    public synchronized void verify(String operation) {
        long[] jobs = tubeOps.withConnection(c -> new long[] {jobs(c.statsTube(markTube)), jobs(c.statsTube(tube))});
        if (jobs[0] == 0) {
            if (jobs[1] > 0 && !adopt) {
                throw refused(operation, jobs[1]);
            }
            if (jobs[1] > 0) {
                LOG.info("Queue {} adopts tube {} at {}: it holds {} jobs but no ownership mark (option adoptTube)",
                        tube, tube, endpoint.describe(), jobs[1]);
            }
            mark();
        }
        owned = true;
    }

    /** On each new connection of an instance that owns the tube: writes the mark again when it is gone. */
    private void checkMarkOn(BeanstalkClient client) {
        if (owned && jobs(client.statsTube(markTube)) == 0) {
            synchronized (this) {
                LOG.warn("Queue {}: the ownership mark of tube {} at {} was gone (a restart without binlog?); writing it"
                        + " again", tube, tube, endpoint.describe());
                mark();
            }
        }
    }

    /**
     * Puts the mark into the mark's tube and buries it, on a connection of its own that watches only
     * that tube; buries any other mark it finds ready there too (a writer that died between its put
     * and its bury).
     */
    private void mark() {
        try (BeanstalkClient client = BeanstalkClient.open(endpoint)) {
            client.useAndWatchOnly(markTube);
            byte[] body = ("JobQueue for Java: tube '" + tube + "' belongs to a queue of that name; this buried job"
                    + " marks it (written " + Instant.now() + "). Deleting it makes the queue refuse the tube while it"
                    + " holds jobs.").getBytes(StandardCharsets.UTF_8);
            client.put(0, 0, MARK_TTR_SECONDS, body);
            for (int i = 0; i < MAX_MARKS; i++) {
                RawJob job = client.reserve(Duration.ZERO);
                if (job == null) {
                    return;
                }
                client.bury(job.id(), 0);
            }
        }
    }

    private ConfigurationException refused(String operation, long jobs) {
        return new ConfigurationException("tube '" + tube + "' on " + endpoint.describe() + " holds " + jobs
                + (jobs == 1 ? " job" : " jobs") + " but no ownership mark of a JobQueue queue (tube '" + markTube
                + "' is empty), so queue '" + tube + "' takes " + (jobs == 1 ? "it" : "them") + " as another application's and " + operation
                + " changed nothing; if they are this queue's messages from an earlier version of JobQueue, set option"
                + " adoptTube: true for the queue once, otherwise give the queue another name or a queueNamePrefix");
    }

    /** Jobs of a tube in any state; a tube that does not exist ({@code stats} null) has none. */
    private static long jobs(Map<String, String> stats) {
        if (stats == null) {
            return 0;
        }
        long jobs = 0;
        for (String state : new String[] {"ready", "reserved", "delayed", "buried"}) {
            jobs += Long.parseLong(stats.getOrDefault("current-jobs-" + state, "0"));
        }
        return jobs;
    }
}
