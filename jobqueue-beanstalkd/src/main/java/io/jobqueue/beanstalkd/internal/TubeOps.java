package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The operations on a queue's tube that need no reservation, each on an idle pooled connection:
 * put, peek, counts, draining for flush, and the server check of {@code setUp}. A connection that
 * an error left sound goes back to the pool; a broken one is closed.
 */
public final class TubeOps {

    private final ConnectionPool pool;
    private final String tube;

    public TubeOps(ConnectionPool pool, String tube) {
        this.pool = pool;
        this.tube = tube;
    }

    /** Runs {@code action} on an idle connection of the pool. */
    public <T> T withConnection(Function<BeanstalkClient, T> action) {
        BeanstalkClient client = pool.borrow();
        try {
            T result = action.apply(client);
            pool.giveBack(client);
            return result;
        } catch (RuntimeException e) {
            pool.giveBack(client); // kept when the failure left it sound (e.g. JOB_TOO_BIG), else closed
            throw e;
        }
    }

    /** Puts a checked batch, pipelined; returns the job ids in order. */
    public long[] put(Submits.Plan plan) {
        return withConnection(c -> c.putAll(plan.priority(), plan.delaySeconds(), plan.ttrSeconds(), plan.bodies()));
    }

    /** The first ready message with its release count (a second round trip for its stats), or none. */
    public List<Message> peekFirst() {
        return withConnection(c -> {
            RawJob job = c.peekFirst("ready");
            if (job == null) {
                return List.of();
            }
            JobStats stats = c.statsJob(job.id());
            int releases = stats == null ? 0 : stats.releases();
            return List.of(new Message(Bodies.messageId(job.id(), job.body()), Bodies.payload(job.body()), releases));
        });
    }

    /** One counter of {@code stats-tube}, e.g. {@code current-jobs-ready}; a tube that does not exist (no jobs) counts 0. */
    public long count(String key) {
        return withConnection(c -> {
            Map<String, String> stats = c.statsTube(tube);
            return stats == null ? 0 : Long.parseLong(stats.getOrDefault(key, "0"));
        });
    }

    /** Deletes every ready, delayed and buried job of the tube; returns how many. */
    public int drain() {
        return withConnection(c -> deleteEvery(c, "ready") + deleteEvery(c, "delayed") + deleteEvery(c, "buried"));
    }

    /**
     * Deletes every job of the used tube in one state: each {@code delete} goes out with the next
     * {@code peek-<state>}, one round trip per job.
     */
    private static int deleteEvery(BeanstalkClient client, String state) {
        int deleted = 0;
        RawJob job = client.peekFirst(state);
        while (job != null) {
            client.queueCommand("delete " + job.id());
            client.queueCommand("peek-" + state);
            Reply delete = client.next();
            Reply next = client.next();
            deleted += client.expect(delete, "delete " + job.id(), "DELETED", "NOT_FOUND").is("DELETED") ? 1 : 0;
            job = next.is("NOT_FOUND") ? null : BeanstalkClient.toJob(client.expect(next, "peek-" + state, "FOUND"));
        }
        return deleted;
    }

    /** The server's {@code max-job-size}, or -1 when it does not say; connects (so it also checks the server is there). */
    public long serverMaxJobSize() {
        return withConnection(BeanstalkClient::maxJobSize);
    }
}
