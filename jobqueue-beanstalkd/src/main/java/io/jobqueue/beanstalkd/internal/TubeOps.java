package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import io.jobqueue.QueueCounts;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The operations on a queue's tube that need no reservation, each on an idle pooled connection:
 * put, peek, the counts, draining for flush, and the server check of {@code setUp}. A connection that
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
    public long[] put(List<Put> puts) {
        return withConnection(c -> c.putAll(puts));
    }

    /** The first ready message with its counts (a second round trip for its stats) and no token, or none. */
    public List<Message> peekFirst() {
        return withConnection(c -> {
            RawJob job = c.peekFirst("ready");
            return job == null ? List.<Message>of() : List.of(Bodies.message(job, c.statsJob(job.id()), ""));
        });
    }

    /**
     * The tube's counts from one {@code stats-tube}: ready, delayed, reserved (by any connection)
     * and buried (the failed messages); a tube that does not exist (no jobs) counts 0.
     */
    public QueueCounts counts() {
        return withConnection(c -> {
            Map<String, String> stats = c.statsTube(tube);
            if (stats == null) {
                return QueueCounts.EMPTY;
            }
            return new QueueCounts(counter(stats, "ready"), counter(stats, "delayed"), counter(stats, "reserved"),
                    counter(stats, "buried"));
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

    private static long counter(Map<String, String> stats, String state) {
        return Long.parseLong(stats.getOrDefault("current-jobs-" + state, "0"));
    }
}
