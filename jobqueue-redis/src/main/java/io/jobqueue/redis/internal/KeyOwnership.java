package io.jobqueue.redis.internal;

import io.jobqueue.ConfigurationException;
import io.lettuce.core.ScriptOutputType;
import java.util.List;

/**
 * Makes sure a queue touches only keys that are its own. Redis has no owner of a key, so a key is
 * taken as the queue's when it holds what the queue writes there ({@code seq} and {@code rate} strings
 * holding a number, {@code payload}, {@code priority}, {@code releases}, {@code reason}, {@code token},
 * {@code lapses}, {@code headers}, {@code unique} and {@code held} hashes, the five id sets sorted
 * sets) or does not exist; keys of an earlier version have those types too. Any
 * other key under one of the queue's names (an application's string at {@code jobqueue:{x}:payload},
 * say) stops the operation with a {@link ConfigurationException} before anything is written.
 *
 * <p>The check runs once per queue instance, before its first operation, in one script call
 * ({@code owner.lua}), and is remembered once it passed; a failed check is made again next time,
 * so removing the foreign key is enough. {@code flush} does not rely on the remembered answer: its
 * script checks every key in the same atomic step as the delete ({@code flush.lua}). Thread-safe.
 */
final class KeyOwnership {

    private final String queueName;
    private final RedisLink link;
    private volatile boolean verified;

    KeyOwnership(String queueName, RedisLink link) {
        this.queueName = queueName;
        this.link = link;
    }

    /** Checks the keys unless a check of this instance already passed. */
    void ensureVerified(String operation) {
        if (!verified) {
            verify(operation);
        }
    }

    /** Checks the keys now (for {@code setUp}, and the first operation). */
    void verify(String operation) {
        List<Object> reply = link.run(operation, Script.OWNER, ScriptOutputType.MULTI);
        refuseForeign(operation, reply);
        verified = true;
    }

    /**
     * Throws when a script of {@code ownership.lua} reported a foreign key as {key, found, expected};
     * an empty reply means every key is the queue's.
     */
    void refuseForeign(String operation, List<Object> reply) {
        if (reply.isEmpty()) {
            return;
        }
        String key = String.valueOf(reply.get(0));
        String found = String.valueOf(reply.get(1));
        String expected = String.valueOf(reply.get(2));
        throw new ConfigurationException(link.mask("Redis key '" + key + "' at " + link.address() + " holds a " + found
                + ", but queue '" + queueName + "' keeps a " + expected + " there: the key is not this queue's, so the"
                + " queue does not touch it and " + operation + " changed nothing; give the queue another name or"
                + " queueNamePrefix, or delete the key if nothing else needs it"));
    }
}
