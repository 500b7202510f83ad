package io.jobqueue.redis.internal;

import io.jobqueue.ConfigurationException;
import java.util.List;

/**
 * The names of one queue's Redis keys. Every key carries the hash tag {@code {<queue name>}}, so all
 * of a queue's keys live in one Cluster slot and every script may touch all of them.
 *
 * <pre>
 * jobqueue:{NAME}:seq       STRING  id counter
 * jobqueue:{NAME}:payload   HASH    id → payload
 * jobqueue:{NAME}:priority  HASH    id → priority
 * jobqueue:{NAME}:releases  HASH    id → release count (absent: 0)
 * jobqueue:{NAME}:ready     ZSET    id scored by priority; equal scores in id (= submit) order
 * jobqueue:{NAME}:delayed   ZSET    id scored by due time (server clock, ms)
 * jobqueue:{NAME}:reserved  ZSET    id:token scored by lease deadline (server clock, ms)
 * jobqueue:{NAME}:failed    ZSET    id scored by abort time (server clock, µs)
 * jobqueue:{NAME}:reason    HASH    id → failure reason
 * jobqueue:{NAME}:token     HASH    field reservations → the count of reserve calls; a call's number is its tokens;
 *                                   also the sweep cursors unique-sweep and held-sweep, and blocked (limits.lua)
 * jobqueue:{NAME}:lapses    HASH    id → reservations since its submit or last retry that ended in neither a
 *                                   finish nor a release: a lease ran out, or a give-back (absent: 0)
 * jobqueue:{NAME}:headers   HASH    id → headers as JSON text (absent: none)
 * jobqueue:{NAME}:finished  ZSET    finished ids kept by retainFinished, scored by finish time (server clock, µs);
 *                                   written only by a queue whose retention is on
 * jobqueue:{NAME}:unique    HASH    unique key (exactly as given) → its holder: scope and id (unique.lua)
 * jobqueue:{NAME}:held      HASH    concurrency key → members of its reservations (limits.lua); only with
 *                                   concurrencyLimit
 * jobqueue:{NAME}:rate      STRING  reservations in the rate limit's current window, expiring with it; only
 *                                   with rateLimit
 * jobqueue:{NAME}:wake      channel Pub/Sub: a message became ready or was scheduled
 * </pre>
 *
 * The order of {@link #all()} is the order the scripts read {@code KEYS} in ({@code prelude.lua}).
 *
 * <p>The names are one to one: a queue name without braces ends at the first {@code '}'}, so two
 * names never share a key, and the hash tag is exactly the name, so every key of a queue lies in
 * the slot of its name. A name with {@code '{'} or {@code '}'} would break both (the tag of
 * {@code a}b} is {@code a}, and {@code }} has no tag at all, so its keys would spread over many
 * slots), and so would the empty name: such names are refused.
 */
public final class Keys {

    /** Every key name starts with this, before the hash tag. */
    public static final String NAMESPACE = "jobqueue:";

    private static final List<String> SUFFIXES =
            List.of("seq", "payload", "priority", "releases", "ready", "delayed", "reserved", "failed", "reason",
                    "token", "lapses", "headers", "finished", "unique", "held", "rate");

    private final String[] keys;
    private final String channel;

    private Keys(String queueName) {
        String base = NAMESPACE + "{" + queueName + "}:";
        keys = SUFFIXES.stream().map(suffix -> base + suffix).toArray(String[]::new);
        channel = base + "wake";
    }

    /**
     * The keys of the queue with this (prefixed) name.
     *
     * @throws ConfigurationException when the name is empty or holds a brace
     */
    public static Keys forQueue(String queueName) {
        if (queueName.isEmpty()) {
            throw new ConfigurationException("a Redis queue needs a name; the name (with its queueNamePrefix) is empty");
        }
        if (queueName.indexOf('{') >= 0 || queueName.indexOf('}') >= 0) {
            throw new ConfigurationException("queue '" + queueName + "' cannot be a Redis queue: its name (with its"
                    + " queueNamePrefix) holds '{' or '}', which would break the hash tag {NAME} that keeps every key of"
                    + " a queue in one Cluster slot and apart from other queues' keys; use a name without braces");
        }
        return new Keys(queueName);
    }

    /** What every key name of the queue starts with, e.g. {@code jobqueue:{p-mail}:}. */
    public String base() {
        return channel.substring(0, channel.length() - "wake".length());
    }

    /** Every key of the queue, in script order; the array is shared, do not change it. */
    String[] all() {
        return keys;
    }

    /** The Pub/Sub channel on which state changes that may wake a waiting reserver are announced. */
    public String channel() {
        return channel;
    }

    /** A key by its suffix ({@code ready}, {@code failed}, ...), for tests and tools. */
    public String key(String suffix) {
        int index = SUFFIXES.indexOf(suffix);
        if (index < 0) {
            throw new IllegalArgumentException("no key '" + suffix + "', known: " + SUFFIXES);
        }
        return keys[index];
    }

    /** Every key name, for tests and tools. */
    public List<String> names() {
        return List.of(keys);
    }
}
