package io.jobqueue.beanstalkd.internal;

import io.jobqueue.beanstalkd.BeanstalkdException;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The beanstalkd commands this backend uses, over one {@link BeanstalkConnection}: {@code use},
 * {@code watch}/{@code ignore}, {@code put}, {@code reserve-with-timeout}, {@code reserve-job},
 * {@code release}, {@code bury}, {@code touch}, {@code delete}, {@code kick-job}, the four
 * {@code peek}s, {@code stats}, {@code stats-job}, {@code stats-tube} and {@code list-tubes}.
 * Batches ({@link #putAll}, {@link #reserveReady}, {@link #statsJobs}, {@link #deleteAll},
 * {@link #touchAll}) are pipelined: all commands in one write, then all replies. Classes of this
 * package build other pipelines from {@link #queueCommand}, {@link #send} and {@link #next}.
 *
 * <p>{@code NOT_FOUND}, {@code TIMED_OUT} and the like are answers, returned as false or null;
 * error replies become {@link BeanstalkdException}s ({@link ProtocolErrors}). Not thread-safe.
 */
public final class BeanstalkClient implements Closeable {

    private final BeanstalkConnection connection;
    private String usedTube = "default";

    private BeanstalkClient(BeanstalkConnection connection) {
        this.connection = connection;
    }

    /** Connects; throws a {@link BeanstalkdException} naming the server when it cannot. */
    public static BeanstalkClient open(Endpoint endpoint) {
        return new BeanstalkClient(BeanstalkConnection.open(endpoint));
    }

    public Endpoint endpoint() {
        return connection.endpoint();
    }

    /** False after an I/O failure or an error that left the connection in doubt: close it then. */
    public boolean isUsable() {
        return connection.isUsable();
    }

    @Override
    public void close() {
        connection.close();
    }

    /** Makes {@code tube} the one {@code put}, {@code peek-*} and {@code kick} act on; one round trip unless already so. */
    public void use(String tube) {
        if (!tube.equals(usedTube)) {
            queueUse(tube);
            expect(connection.read(), "use " + tube, "USING");
        }
    }

    /** Uses and watches {@code tube} and ignores {@code default}, in one round trip. */
    public void useAndWatchOnly(String tube) {
        queueUse(tube);
        connection.command("watch " + tube);
        connection.command("ignore default");
        expect(connection.read(), "use " + tube, "USING");
        expect(connection.read(), "watch " + tube, "WATCHING");
        expect(connection.read(), "ignore default", "WATCHING", "NOT_IGNORED");
    }

    /** Puts one job into the used tube and returns its id. */
    public long put(long priority, long delaySeconds, long ttrSeconds, byte[] body) {
        return putAll(List.of(new Put(priority, delaySeconds, ttrSeconds, body)))[0];
    }

    /**
     * Puts many jobs, pipelined, and returns their ids in order. When the server refuses one
     * ({@code JOB_TOO_BIG}, {@code DRAINING}, ...), the jobs of the batch it took are deleted again
     * before the error is thrown, so a batch goes in whole or not at all (unless a job was reserved
     * in the moment between).
     *
     * @throws io.jobqueue.MessageTooLargeException for {@code JOB_TOO_BIG}, naming the server's limit
     */
    public long[] putAll(List<Put> puts) {
        for (Put put : puts) {
            connection.commandWithBody("put " + put.priority() + " " + put.delaySeconds() + " " + put.ttrSeconds() + " "
                    + put.body().length, put.body());
        }
        long[] ids = new long[puts.size()];
        Reply[] replies = new Reply[puts.size()];
        for (int i = 0; i < replies.length; i++) {
            replies[i] = connection.read();
        }
        List<Long> taken = new ArrayList<>(replies.length);
        int refused = -1;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i].is("INSERTED") || replies[i].is("BURIED")) {
                ids[i] = replies[i].number();
                taken.add(ids[i]);
            } else if (refused < 0) {
                refused = i;
            }
        }
        if (refused < 0) {
            return ids;
        }
        deleteAll(taken.stream().mapToLong(Long::longValue).toArray());
        if (replies[refused].is("JOB_TOO_BIG")) {
            throw ProtocolErrors.tooBig(puts.get(refused).body().length, maxJobSize(), endpoint());
        }
        throw ProtocolErrors.of(replies[refused], "put " + (refused + 1) + " of " + puts.size(), endpoint());
    }

    /**
     * Waits up to {@code timeout} (whole seconds, rounded up; zero polls once) for a job of a
     * watched tube. Returns null on {@code TIMED_OUT}; {@code DEADLINE_SOON} is thrown as a
     * {@link BeanstalkdException} with that reply.
     */
    public RawJob reserve(Duration timeout) {
        long seconds = Timeouts.wholeSecondsUp(timeout);
        String command = "reserve-with-timeout " + seconds;
        connection.command(command);
        Reply reply = connection.read(endpoint().replyTimeout().plusSeconds(seconds));
        if (reply.is("TIMED_OUT")) {
            return null;
        }
        expect(reply, command, "RESERVED");
        return new RawJob(reply.number(), reply.body());
    }

    /** Reserves up to {@code max} jobs that are ready now (pipelined zero-timeout reserves). */
    public List<RawJob> reserveReady(int max) {
        for (int i = 0; i < max; i++) {
            connection.command("reserve-with-timeout 0");
        }
        return readReserved(max);
    }

    /**
     * Reads the answers of {@code count} zero-timeout reserves: the jobs reserved. TIMED_OUT and
     * DEADLINE_SOON end nothing; an error is thrown only when no job came.
     */
    List<RawJob> readReserved(int count) {
        List<RawJob> jobs = new ArrayList<>(count);
        BeanstalkdException error = null;
        for (int i = 0; i < count; i++) {
            Reply reply = connection.read();
            if (reply.is("RESERVED")) {
                jobs.add(toJob(reply));
            } else if (!reply.is("TIMED_OUT") && !reply.is("DEADLINE_SOON") && error == null) {
                error = ProtocolErrors.of(reply, "reserve-with-timeout 0", endpoint());
            }
        }
        if (error != null && jobs.isEmpty()) {
            throw error;
        }
        return jobs;
    }

    /** Reserves the job with this id whatever its state but reserved; null when NOT_FOUND. */
    public RawJob reserveJob(long id) {
        String command = "reserve-job " + id;
        connection.command(command);
        Reply reply = connection.read();
        if (reply.is("NOT_FOUND")) {
            return null;
        }
        expect(reply, command, "RESERVED");
        return new RawJob(reply.number(), reply.body());
    }

    /** Stats of many jobs, pipelined; an entry is null where the job does not exist. */
    public List<JobStats> statsJobs(List<Long> ids) {
        for (long id : ids) {
            connection.command("stats-job " + id);
        }
        List<JobStats> stats = new ArrayList<>(ids.size());
        for (long id : ids) {
            Reply reply = connection.read();
            stats.add(reply.is("NOT_FOUND") ? null : JobStats.parse(expect(reply, "stats-job " + id, "OK").body()));
        }
        return stats;
    }

    /** Stats of one job, or null when it does not exist. */
    public JobStats statsJob(long id) {
        return statsJobs(List.of(id)).get(0);
    }

    /** Deletes jobs, pipelined; true where the server said DELETED. */
    public boolean[] deleteAll(long[] ids) {
        return simpleAll("delete ", ids, "DELETED");
    }

    public boolean delete(long id) {
        return deleteAll(new long[] {id})[0];
    }

    /** Renews the time to run of jobs this connection reserved, pipelined; true where TOUCHED. */
    public boolean[] touchAll(long[] ids) {
        return simpleAll("touch ", ids, "TOUCHED");
    }

    /** Releases a job this connection reserved; false when NOT_FOUND (a BURIED answer counts as done). */
    public boolean release(long id, long priority, long delaySeconds) {
        String command = "release " + id + " " + priority + " " + delaySeconds;
        connection.command(command);
        Reply reply = connection.read();
        return !reply.is("NOT_FOUND") && expect(reply, command, "RELEASED", "BURIED") != null;
    }

    /** Buries a job this connection reserved; false when NOT_FOUND. */
    public boolean bury(long id, long priority) {
        return simpleAll("bury ", new long[] {id}, "BURIED", " " + priority)[0];
    }

    /**
     * Buries a job this connection reserved and, when that worked, kicks it back to ready: a job
     * back to ready without a release counted. Two round trips (the kick must not reach a job this
     * connection did not bury). False when the job is not reserved here.
     */
    public boolean buryAndKick(long id, long priority) {
        if (!bury(id, priority)) {
            return false;
        }
        kickJob(id);
        return true;
    }

    /** Moves a buried or delayed job to ready; false when NOT_FOUND. */
    public boolean kickJob(long id) {
        return simpleAll("kick-job ", new long[] {id}, "KICKED")[0];
    }

    /** {@code peek <id>}: the job in any state, or null. */
    public RawJob peek(long id) {
        return found("peek " + id);
    }

    /** {@code peek-ready}, {@code peek-delayed} or {@code peek-buried} on the used tube: the first such job, or null. */
    public RawJob peekFirst(String state) {
        return found("peek-" + state);
    }

    /** {@code stats-tube}: the tube's counters, or null when the tube does not exist (it has no jobs). */
    public Map<String, String> statsTube(String tube) {
        connection.command("stats-tube " + tube);
        Reply reply = connection.read();
        return reply.is("NOT_FOUND") ? null : expect(reply, "stats-tube " + tube, "OK").dictionary();
    }

    /** {@code stats}: the server's counters and settings. */
    public Map<String, String> stats() {
        connection.command("stats");
        return expect(connection.read(), "stats", "OK").dictionary();
    }

    /** {@code list-tubes}: every tube that exists now. */
    public List<String> listTubes() {
        connection.command("list-tubes");
        return expect(connection.read(), "list-tubes", "OK").list();
    }

    /** The server's {@code max-job-size}, or -1 when it cannot be read. */
    public long maxJobSize() {
        try {
            return Long.parseLong(stats().getOrDefault("max-job-size", "-1"));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    // --- building blocks for pipelines of mixed commands (same package) ---

    /** Appends a {@code use} and remembers the tube; its USING reply must be read by the caller. */
    void queueUse(String tube) {
        connection.command("use " + tube);
        usedTube = tube;
    }

    void queueCommand(String line) {
        connection.command(line);
    }

    void queueCommand(String line, byte[] body) {
        connection.commandWithBody(line, body);
    }

    Reply next() {
        return connection.read();
    }

    /** Sends the queued commands now (reading a reply does so too). */
    void send() {
        connection.flush();
    }

    /** Returns the reply when its word is one of {@code ok}, else throws the matching exception. */
    Reply expect(Reply reply, String command, String... ok) {
        for (String word : ok) {
            if (reply.is(word)) {
                return reply;
            }
        }
        throw ProtocolErrors.of(reply, command, endpoint());
    }

    private RawJob found(String command) {
        connection.command(command);
        Reply reply = connection.read();
        if (reply.is("NOT_FOUND")) {
            return null;
        }
        return toJob(expect(reply, command, "FOUND"));
    }

    static RawJob toJob(Reply reply) {
        return new RawJob(reply.number(), reply.body());
    }

    private boolean[] simpleAll(String verb, long[] ids, String ok) {
        return simpleAll(verb, ids, ok, "");
    }

    private boolean[] simpleAll(String verb, long[] ids, String ok, String suffix) {
        for (long id : ids) {
            connection.command(verb + id + suffix);
        }
        Reply[] replies = new Reply[ids.length];
        for (int i = 0; i < ids.length; i++) {
            replies[i] = connection.read();
        }
        boolean[] done = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            done[i] = !replies[i].is("NOT_FOUND") && expect(replies[i], verb + ids[i] + suffix, ok) != null;
        }
        return done;
    }
}
