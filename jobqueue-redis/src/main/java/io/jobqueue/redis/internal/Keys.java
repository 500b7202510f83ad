package io.jobqueue.redis.internal;

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
 * jobqueue:{NAME}:reserved  ZSET    id scored by lease deadline (server clock, ms)
 * jobqueue:{NAME}:failed    ZSET    id scored by abort time (server clock, µs)
 * jobqueue:{NAME}:reason    HASH    id → failure reason
 * jobqueue:{NAME}:wake      channel Pub/Sub: a message became ready or was scheduled
 * </pre>
 *
 * The order of {@link #all()} is the order the scripts read {@code KEYS} in ({@code prelude.lua}).
 */
public final class Keys {

    /** Every key name starts with this, before the hash tag. */
    public static final String NAMESPACE = "jobqueue:";

    private static final List<String> SUFFIXES =
            List.of("seq", "payload", "priority", "releases", "ready", "delayed", "reserved", "failed", "reason");

    private final String[] keys;
    private final String channel;

    private Keys(String queueName) {
        String base = NAMESPACE + "{" + queueName + "}:";
        keys = SUFFIXES.stream().map(suffix -> base + suffix).toArray(String[]::new);
        channel = base + "wake";
    }

    /** The keys of the queue with this (prefixed) name. */
    public static Keys forQueue(String queueName) {
        return new Keys(queueName);
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
