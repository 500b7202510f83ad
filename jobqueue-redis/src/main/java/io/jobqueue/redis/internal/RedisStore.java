package io.jobqueue.redis.internal;

import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.QueueCounts;
import io.jobqueue.Submitted;
import io.jobqueue.UniqueScope;
import io.jobqueue.WorkerHeartbeat;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.FinishedRetention;
import io.jobqueue.spi.Headers;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.ReserveLimits;
import io.jobqueue.spi.WakeSignal;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The storage moves of one Redis queue, each one script call (one atomic step on the server, one
 * round trip); batches larger than one call takes are cut into chunks and pipelined. Knows keys and
 * scripts, not the queue contract's timeouts: {@link io.jobqueue.redis.RedisBackend} builds on it.
 * Before its first move it checks that the queue's keys are its own ({@link KeyOwnership}).
 * Thread-safe.
 */
public final class RedisStore implements AutoCloseable {

    /** Messages per submit script call; a batch is cut into chunks of this size and pipelined. */
    static final int SUBMIT_CHUNK = 500;
    /** Messages per reserve script call. */
    static final int RESERVE_CHUNK = 1000;
    /** Messages per finish, release, abort or extend script call. */
    static final int ID_CHUNK = 1000;

    private final RedisLink link;
    private final WakeUps wakeUps;
    private final Keys keys;
    private final KeyOwnership ownership;
    private final Replies replies;
    private final WorkerBeats beats;
    /**
     * The history's script arguments, max age in ms and max count ({@code 0}: no limit), or null
     * when finished messages are not kept: then finish and reserve run their scripts as before,
     * with no history work at all.
     */
    private final List<String> retention;
    /** The limits' reserve arguments (concurrency limit, rate count, rate window in ms), or null without limits. */
    private final List<String> limitArguments;
    /** Whether ending a reservation may free a place a reserve waits for (a concurrency limit). */
    private final boolean limitsConcurrency;

    /**
     * Connects to the server at once; see {@link RedisLink#RedisLink}. With {@code retention} on,
     * finished messages are kept in the queue's {@code finished} set and pruned by finish and
     * reserve ({@code history.lua}). With {@code limits}, reserve runs {@code reserve_limited.lua}
     * and, for a concurrency limit, finish, release, abort and cancel wake the reservers it held back
     * ({@code limits_wake.lua}); without, the scripts are those of a queue without limits.
     */
    public RedisStore(String queueName, RedisSettings settings, FinishedRetention retention, ReserveLimits limits) {
        this.retention = scriptArguments(retention);
        this.limitsConcurrency = limits.limitsConcurrency();
        this.limitArguments = limits.limitsConcurrency() || limits.limitsRate()
                ? List.of(Integer.toString(limits.concurrencyLimit()), Integer.toString(limits.rateCount()),
                        Long.toString(Millis.roundedUp(limits.ratePer())))
                : null;
        this.keys = Keys.forQueue(queueName);
        this.link = new RedisLink(queueName, settings, keys);
        this.wakeUps = new WakeUps(link, keys.channel());
        this.ownership = new KeyOwnership(queueName, link);
        this.replies = new Replies(queueName);
        this.beats = new WorkerBeats(queueName, link, ownership);
    }

    /**
     * Stores the messages, each ready or delayed with its priority and headers; returns their ids in
     * order. Each chunk is atomic; when the connection fails midway, the chunks before stay submitted.
     */
    public List<String> submit(List<NewMessage> messages) {
        ownership.ensureVerified("submit");
        List<String[]> calls = chunks(List.of(keys.channel()), messages, SUBMIT_CHUNK, message -> {
            String headers = Headers.encode(message.options().headers());
            return List.of(Integer.toString(message.options().priority()),
                    Long.toString(Millis.roundedUp(message.options().delay())), headers == null ? "" : headers,
                    message.payload());
        });
        List<String> ids = new ArrayList<>(messages.size());
        for (List<Object> reply : link.<List<Object>>runAll("submit", Script.SUBMIT, ScriptOutputType.MULTI, calls)) {
            ids.addAll(Replies.strings(reply));
        }
        return ids;
    }

    /**
     * Stores the messages like {@link #submit}, but a message whose unique key is held by a message in
     * its scope, or by an earlier message of the batch, is not stored: its result is a duplicate with
     * the holder's id ({@code submit_unique.lua}). Each chunk is one atomic step; the chunks run in
     * order, so a later chunk sees the keys an earlier one took.
     */
    public List<Submitted> submitUnique(List<NewMessage> messages) {
        ownership.ensureVerified("submit");
        List<String[]> calls = chunks(List.of(keys.channel()), messages, SUBMIT_CHUNK, message -> {
            String headers = Headers.encode(message.options().headers());
            String key = message.uniqueKey();
            return List.of(key == null ? "" : key, key == null ? "" : scopeArgument(message.uniqueScope()),
                    Integer.toString(message.options().priority()), Long.toString(Millis.roundedUp(message.options().delay())),
                    headers == null ? "" : headers, message.payload());
        });
        List<Submitted> result = new ArrayList<>(messages.size());
        for (List<Object> reply : link.<List<Object>>runAll("submit", Script.SUBMIT_UNIQUE, ScriptOutputType.MULTI, calls)) {
            for (String entry : Replies.strings(reply)) {
                String id = entry.substring(1);
                result.add(entry.charAt(0) == '+' ? Submitted.stored(id) : Submitted.duplicateOf(id));
            }
        }
        return result;
    }

    /** The id of the message that holds the unique key now, in one script call that changes nothing. */
    public Optional<String> findUnique(String uniqueKey) {
        ownership.ensureVerified("findUnique");
        List<String> reply = Replies.strings(link.run("findUnique", Script.FIND_UNIQUE, ScriptOutputType.MULTI, uniqueKey));
        return reply.isEmpty() ? Optional.empty() : Optional.of(reply.get(0));
    }

    /** The scope as {@code unique.lua} reads it: {@code a}, {@code q}, or {@code p} and the period in ms. */
    private static String scopeArgument(UniqueScope scope) {
        return switch (scope.kind()) {
            case ACTIVE -> "a";
            case QUEUED -> "q";
            case PERIOD -> "p" + Millis.roundedUp(scope.period());
        };
    }

    /**
     * Reserves up to {@code max} ready messages, first moving due delayed messages and expired
     * leases to ready. Above {@link #RESERVE_CHUNK} messages it takes several script calls (a script
     * must stay short, and Lua unpacks at most a few thousand values).
     */
    public Reserved reserve(int max, long leaseMillis) {
        ownership.ensureVerified("reserve");
        List<Message> messages = null;
        int left = max;
        while (left > 0) {
            int wanted = Math.min(left, RESERVE_CHUNK);
            // Without a history, the prune drops the cancel markers older than a lease (a ZCARD when there are none).
            String age = retention == null ? Long.toString(leaseMillis) : retention.get(0);
            String count = retention == null ? "0" : retention.get(1);
            List<Object> reply = limitArguments == null
                    ? link.run("reserve", Script.RESERVE_KEPT, ScriptOutputType.MULTI, Integer.toString(wanted),
                            Long.toString(leaseMillis), age, count)
                    : link.run("reserve", Script.RESERVE_LIMITED, ScriptOutputType.MULTI, Integer.toString(wanted),
                            Long.toString(leaseMillis), age, count, limitArguments.get(0), limitArguments.get(1),
                            limitArguments.get(2));
            List<Message> got = reply.size() == 1 ? List.of() : replies.reserved(reply);
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

    /**
     * Removes the messages held under their tokens, or, when the queue keeps its finished messages,
     * moves them to its history and prunes it (bounded) in the same script; returns their ids.
     */
    public Set<String> finish(List<Message> messages) {
        if (retention == null) {
            return fenced("finish", limitsConcurrency ? Script.FINISH_LIMITED : Script.FINISH, List.of(), messages,
                    Function.identity(), null);
        }
        return fenced("finish", limitsConcurrency ? Script.FINISH_KEPT_LIMITED : Script.FINISH_KEPT, retention, messages,
                Function.identity(), null);
    }

    /**
     * Puts the messages held under their tokens back (ready, or delayed when {@code delayMillis > 0});
     * {@code priority} null keeps each one's own; {@code attempt} adds one release, else the
     * delivery counts as a lapse (a give-back). Returns their ids.
     */
    public Set<String> release(List<Message> messages, long delayMillis, Integer priority, boolean attempt) {
        List<String> head = List.of(Long.toString(delayMillis), priority == null ? "" : priority.toString(),
                attempt ? "1" : "0", keys.channel());
        return fenced("release", limitsConcurrency ? Script.RELEASE_LIMITED : Script.RELEASE, head, messages,
                Function.identity(), null);
    }

    /** Moves the messages held under their tokens to the failed store with their reasons; returns their ids. */
    public Set<String> abort(List<Abort> aborts) {
        return fenced("abort", limitsConcurrency ? Script.ABORT_LIMITED : Script.ABORT, List.of(), aborts, Abort::message,
                Abort::reason);
    }

    /** Renews the leases of the messages held under their tokens; returns their ids. */
    public Set<String> extend(List<Message> messages, long leaseMillis) {
        return fenced("extendLeases", Script.EXTEND, List.of(Long.toString(leaseMillis)), messages, Function.identity(),
                null);
    }

    /** Moves a failed message back to ready with no releases and no deliveries. */
    public boolean retry(String id) {
        ownership.ensureVerified("retryFailed");
        long done = link.run("retryFailed", Script.RETRY, ScriptOutputType.INTEGER, id, keys.channel());
        return done == 1;
    }

    /** Deletes a failed message for good. */
    public boolean deleteFailed(String id) {
        ownership.ensureVerified("deleteFailed");
        long done = link.run("deleteFailed", Script.DELETE_FAILED, ScriptOutputType.INTEGER, id);
        return done == 1;
    }

    /** The first {@code limit} ready messages, without reserving them. */
    public List<Message> peek(int limit) {
        ownership.ensureVerified("peek");
        return replies.messages(link.run("peek", Script.PEEK, ScriptOutputType.MULTI, Integer.toString(limit)), 0);
    }

    /**
     * Every count, exact at one moment (one script call); no age of the oldest ready message, since the
     * ready set is ordered by priority and id and keeps no time a message became ready.
     */
    public QueueCounts counts() {
        ownership.ensureVerified("counts");
        List<Object> reply = link.run("counts", Script.COUNTS, ScriptOutputType.MULTI);
        return new QueueCounts(Replies.number(reply.get(0)), Replies.number(reply.get(1)), Replies.number(reply.get(2)),
                Replies.number(reply.get(3)));
    }

    /** The {@code limit} delayed messages due soonest that are not due yet; changes nothing. */
    public List<DelayedMessage> delayed(int limit) {
        ownership.ensureVerified("listDelayed");
        return replies.delayed(link.run("listDelayed", Script.LIST_DELAYED, ScriptOutputType.MULTI, Integer.toString(limit)));
    }

    /**
     * The message with this id and its state, in one read-only script call; an id that is not one this
     * queue writes (decimal digits) is not found without a call, so it never reaches a script's MATCH
     * pattern. See {@code find.lua} for the cost.
     */
    public Optional<MessageInfo> find(String id) {
        if (!isId(id)) {
            return Optional.empty();
        }
        ownership.ensureVerified("find");
        return replies.found(link.run("find", Script.FIND, ScriptOutputType.MULTI, id));
    }

    /**
     * Cancels the ready, delayed and reserved messages with these ids in one script call (see
     * {@code cancel.lua}); ids that are not ones this queue writes are left out without a call.
     * Returns the ids cancelled.
     */
    public Set<String> cancel(List<String> ids, long leaseMillis) {
        List<String> args = new ArrayList<>(ids.size() + 3);
        args.add(retention == null ? "0" : "1");
        args.add(retention == null ? Long.toString(leaseMillis) : retention.get(0));
        args.add(retention == null ? "0" : retention.get(1));
        for (String id : ids) {
            if (isId(id)) {
                args.add(id);
            }
        }
        if (args.size() == 3) {
            return Set.of();
        }
        ownership.ensureVerified("cancel");
        List<Object> reply = link.run("cancel", limitsConcurrency ? Script.CANCEL_LIMITED : Script.CANCEL,
                ScriptOutputType.MULTI, args.toArray(String[]::new));
        return new HashSet<>(Replies.strings(reply));
    }

    /** The history's arguments of finish and reserve: max age in ms and max count (0: none); null when off. */
    private static List<String> scriptArguments(FinishedRetention retention) {
        if (!retention.isOn()) {
            return null;
        }
        long maxAgeMillis = retention.maxAge() == null ? 0 : retention.maxAge().toMillis();
        return List.of(Long.toString(maxAgeMillis), Long.toString(retention.maxCount()));
    }

    /** Whether the text can be a message id of this backend: 1 to 20 decimal digits. */
    static boolean isId(String text) {
        if (text == null || text.isEmpty() || text.length() > 20) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The oldest {@code limit} failures. */
    public List<FailedMessage> failed(int limit) {
        ownership.ensureVerified("listFailed");
        return replies.failed(link.run("listFailed", Script.FAILED, ScriptOutputType.MULTI, Integer.toString(limit)));
    }

    /**
     * Deletes every key of the queue, and no other, in one script that first checks, in the same
     * atomic step, that each key is the queue's; when one is not, nothing is deleted and the
     * {@link io.jobqueue.ConfigurationException} names it.
     */
    public void flush() {
        ownership.refuseForeign("flush", link.run("flush", Script.FLUSH, ScriptOutputType.MULTI));
    }

    /** Stores a worker's heartbeat for {@code ttl}; see {@link WorkerBeats} for the keys. */
    public void publishHeartbeat(WorkerHeartbeat beat, Duration ttl) {
        beats.publish(beat, ttl);
    }

    /** Deletes a worker's heartbeat; true when it was live. */
    public boolean removeHeartbeat(String workerId) {
        return beats.remove(workerId);
    }

    /** Up to {@code limit} live heartbeats, the most recently seen first. */
    public List<WorkerHeartbeat> heartbeats(int limit) {
        return beats.list(limit);
    }

    /** What every heartbeat key starts with. */
    public static String heartbeatKeyBase() {
        return WorkerBeats.INDEX;
    }

    /** Checks that the server answers and that the queue's keys are its own. */
    public void setUp() {
        ownership.verify("setUp");
    }

    /**
     * The signal that any process's announcement on the queue's channel wakes; subscribes on first
     * call, so call it before the first poll of a wait.
     */
    public WakeSignal wakeSignal() {
        wakeUps.ensureSubscribed();
        return wakeUps.signal();
    }

    @Override
    public void close() {
        try {
            wakeUps.close();
        } finally {
            link.close();
        }
    }

    /**
     * Runs a fencing script over the items, in pipelined chunks; returns the ids it acted on. An item
     * names a reservation (its message) and, when {@code extra} is given, one more value. Each call's
     * arguments are {@code head}, the count n, the n members {@code <id>:<token>}, the n ids and the
     * n extra values (see {@code held_entries} in {@code prelude.lua}); a reservation named twice is
     * sent once, so no script acts on it twice.
     */
    private <T> Set<String> fenced(String operation, Script script, List<String> head, List<T> items,
            Function<T, Message> message, Function<T, String> extra) {
        ownership.ensureVerified(operation);
        Map<String, T> distinct = new LinkedHashMap<>();
        for (T item : items) {
            Message m = message.apply(item);
            distinct.putIfAbsent(m.id() + ':' + m.token(), item);
        }
        List<Map.Entry<String, T>> entries = new ArrayList<>(distinct.entrySet());
        List<String[]> calls = new ArrayList<>(entries.size() / ID_CHUNK + 1);
        for (int from = 0; from < entries.size(); from += ID_CHUNK) {
            List<Map.Entry<String, T>> chunk = entries.subList(from, Math.min(from + ID_CHUNK, entries.size()));
            List<String> args = new ArrayList<>(head.size() + 1 + chunk.size() * (extra == null ? 2 : 3));
            args.addAll(head);
            args.add(Integer.toString(chunk.size()));
            chunk.forEach(e -> args.add(e.getKey()));
            chunk.forEach(e -> args.add(message.apply(e.getValue()).id()));
            if (extra != null) {
                chunk.forEach(e -> args.add(extra.apply(e.getValue())));
            }
            calls.add(args.toArray(String[]::new));
        }
        Set<String> done = new LinkedHashSet<>();
        for (List<Object> reply : link.<List<Object>>runAll(operation, script, ScriptOutputType.MULTI, calls)) {
            done.addAll(Replies.ids(reply));
        }
        return done;
    }

    /** The script arguments for the items, at most {@code size} items per call, each call starting with {@code head}. */
    private static <T> List<String[]> chunks(List<String> head, List<T> items, int size, Function<T, List<String>> group) {
        List<String[]> calls = new ArrayList<>(items.size() / size + 1);
        for (int from = 0; from < items.size(); from += size) {
            List<String> args = new ArrayList<>(head);
            for (T item : items.subList(from, Math.min(from + size, items.size()))) {
                args.addAll(group.apply(item));
            }
            calls.add(args.toArray(String[]::new));
        }
        return calls;
    }

    /**
     * What a reserve call got: the messages, and when nothing came, the milliseconds until a delayed
     * message is due or a lease runs out ({@code -1}: nothing is delayed or reserved).
     */
    public record Reserved(List<Message> messages, long nextEventMillis) {
    }
}
