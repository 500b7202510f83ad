package io.jobqueue.redis.internal;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The storage moves of one Redis queue, each one script call (one atomic step on the server, one
 * round trip) except the pipelined batch submit. Knows keys and scripts, not the queue contract's
 * timeouts: {@link io.jobqueue.redis.RedisQueue} builds on it. Before its first move it checks
 * that the queue's keys are its own ({@link KeyOwnership}). Thread-safe.
 */
public final class RedisStore implements AutoCloseable {

    /** Payloads per submit script call; a batch is cut into chunks of this size and pipelined. */
    static final int SUBMIT_CHUNK = 500;
    /** Messages per reserve script call. */
    static final int RESERVE_CHUNK = 1000;
    /** Ids per finish or extend script call. */
    static final int ID_CHUNK = 1000;

    private final RedisLink link;
    private final WakeUps wakeUps;
    private final Keys keys;
    private final KeyOwnership ownership;

    /** Connects to the server at once; see {@link RedisLink#RedisLink}. */
    public RedisStore(String queueName, RedisSettings settings) {
        this.keys = Keys.forQueue(queueName);
        this.link = new RedisLink(queueName, settings, keys);
        this.wakeUps = new WakeUps(link, keys.channel());
        this.ownership = new KeyOwnership(queueName, link);
    }

    /** Stores the payloads and makes them ready (or delayed); returns their ids in order. */
    public List<String> submit(List<String> payloads, int priority, long delayMillis) {
        ownership.ensureVerified("submit");
        List<String[]> calls = new ArrayList<>(payloads.size() / SUBMIT_CHUNK + 1);
        for (int from = 0; from < payloads.size(); from += SUBMIT_CHUNK) {
            List<String> chunk = payloads.subList(from, Math.min(from + SUBMIT_CHUNK, payloads.size()));
            String[] args = new String[3 + chunk.size()];
            args[0] = Integer.toString(priority);
            args[1] = Long.toString(delayMillis);
            args[2] = keys.channel();
            for (int i = 0; i < chunk.size(); i++) {
                args[3 + i] = chunk.get(i);
            }
            calls.add(args);
        }
        List<String> ids = new ArrayList<>(payloads.size());
        for (List<Object> reply : link.<List<Object>>runAll("submit", Script.SUBMIT, ScriptOutputType.MULTI, calls)) {
            ids.addAll(Replies.strings(reply));
        }
        return ids;
    }

    /**
     * Reserves (or, with {@code take}, removes) up to {@code max} ready messages, first moving due
     * delayed messages and expired leases to ready. Above {@link #RESERVE_CHUNK} messages it takes
     * several script calls (a script must stay short, and Lua unpacks at most a few thousand values).
     */
    public Reserved reserve(int max, long leaseMillis, boolean take) {
        String operation = take ? "waitAndTake" : "waitAndReserve";
        ownership.ensureVerified(operation);
        List<Message> messages = null;
        int left = max;
        while (left > 0) {
            int wanted = Math.min(left, RESERVE_CHUNK);
            List<Object> reply = link.run(operation, Script.RESERVE, ScriptOutputType.MULTI,
                    Integer.toString(wanted), Long.toString(leaseMillis), take ? "1" : "0");
            List<Message> got = Replies.messages(reply, 1);
            if (messages == null) {
                if (got.isEmpty() || max <= RESERVE_CHUNK) {
                    return new Reserved(got, Replies.number(reply.get(0)));
                }
                messages = new ArrayList<>(got);
            } else {
                messages.addAll(got);
            }
            if (got.size() < wanted) {
                break;
            }
            left -= got.size();
        }
        return new Reserved(messages, 0);
    }

    /** Puts a held message back (ready or delayed); {@code priority} null keeps its own. */
    public boolean release(String id, long delayMillis, Integer priority) {
        ownership.ensureVerified("release");
        long done = link.run("release", Script.RELEASE, ScriptOutputType.INTEGER, id, Long.toString(delayMillis),
                priority == null ? "" : priority.toString(), keys.channel());
        return done == 1;
    }

    /** Moves a held message to the failed store with a reason. */
    public boolean abort(String id, String reason) {
        ownership.ensureVerified("abort");
        long done = link.run("abort", Script.ABORT, ScriptOutputType.INTEGER, id, reason == null ? "" : reason);
        return done == 1;
    }

    /** Removes the held messages among {@code ids}; returns how many. */
    public int finish(Collection<String> ids) {
        ownership.ensureVerified("finish");
        int finished = 0;
        for (String[] chunk : chunks(ids, 0)) {
            long done = link.run("finish", Script.FINISH, ScriptOutputType.INTEGER, chunk);
            finished += (int) done;
        }
        return finished;
    }

    /** Renews the leases of the held messages among {@code ids}; returns how many. */
    public int extend(Collection<String> ids, long leaseMillis) {
        ownership.ensureVerified("extendLease");
        int extended = 0;
        for (String[] chunk : chunks(ids, 1)) {
            chunk[0] = Long.toString(leaseMillis);
            long done = link.run("extendLease", Script.EXTEND, ScriptOutputType.INTEGER, chunk);
            extended += (int) done;
        }
        return extended;
    }

    /** Moves a failed message back to ready with no releases. */
    public boolean retry(String id) {
        ownership.ensureVerified("retryFailed");
        long done = link.run("retryFailed", Script.RETRY, ScriptOutputType.INTEGER, id, keys.channel());
        return done == 1;
    }

    /** The first {@code limit} ready messages, without reserving them. */
    public List<Message> peek(int limit) {
        ownership.ensureVerified("peek");
        List<Object> reply = link.run("peek", Script.PEEK, ScriptOutputType.MULTI, Integer.toString(limit));
        return Replies.messages(reply, 0);
    }

    /** {ready, reserved, failed}, exact at one moment. */
    public long[] counts() {
        ownership.ensureVerified("count");
        List<Object> reply = link.run("count", Script.COUNTS, ScriptOutputType.MULTI);
        return new long[] {Replies.number(reply.get(0)), Replies.number(reply.get(1)), Replies.number(reply.get(2))};
    }

    /** The oldest {@code limit} failures. */
    public List<FailedMessage> failed(int limit) {
        ownership.ensureVerified("listFailed");
        return Replies.failed(link.run("listFailed", Script.FAILED, ScriptOutputType.MULTI, Integer.toString(limit)));
    }

    /**
     * Deletes every key of the queue, and no other, in one script that first checks, in the same
     * atomic step, that each key is the queue's; when one is not, nothing is deleted and the
     * {@link io.jobqueue.ConfigurationException} names it.
     */
    public void flush() {
        ownership.refuseForeign("flush", link.run("flush", Script.FLUSH, ScriptOutputType.MULTI));
    }

    /** Checks that the server answers and that the queue's keys are its own. */
    public void setUp() {
        ownership.verify("setUp");
    }

    /** Subscribes to the queue's wake-up channel, once; call before the first {@link #generation()}. */
    public void prepareToWait() {
        wakeUps.ensureSubscribed();
    }

    /** The count of wake-up announcements seen so far. */
    public long generation() {
        return wakeUps.generation();
    }

    /** Waits until an announcement after {@code seen} arrives, or {@code millis} pass. */
    public void awaitChange(long seen, long millis) throws InterruptedException {
        wakeUps.awaitChange(seen, millis);
    }

    /** The queue's key names. */
    public Keys keys() {
        return keys;
    }

    @Override
    public void close() {
        try {
            wakeUps.close();
        } finally {
            link.close();
        }
    }

    /** The ids in arrays of at most {@link #ID_CHUNK}, each with {@code head} free slots in front. */
    private static List<String[]> chunks(Collection<String> ids, int head) {
        List<String[]> chunks = new ArrayList<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += ID_CHUNK) {
            List<String> part = all.subList(from, Math.min(from + ID_CHUNK, all.size()));
            String[] args = new String[head + part.size()];
            for (int i = 0; i < part.size(); i++) {
                args[head + i] = part.get(i);
            }
            chunks.add(args);
        }
        return chunks;
    }

    /**
     * What a reserve call got: the messages, and when nothing came, the milliseconds until a delayed
     * message is due or a lease runs out ({@code -1}: nothing is delayed or reserved).
     */
    public record Reserved(List<Message> messages, long nextEventMillis) {
    }
}
