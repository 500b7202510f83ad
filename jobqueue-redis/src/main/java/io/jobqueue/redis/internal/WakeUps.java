package io.jobqueue.redis.internal;

import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * Wakes this JVM's waiting reservers of one queue when any process announces a change on the
 * queue's channel (a submit, a release, a retry), so a waiter needs no polling and no connection
 * of its own: all waiters of the queue share one Pub/Sub connection and wait on a Java monitor.
 *
 * <p>No wake-up is lost: a waiter reads {@link #generation()} <em>before</em> it runs the reserve
 * script and then waits only while the generation is unchanged, so an announcement made after the
 * script ran always ends the wait. When the connection comes back after an outage, Lettuce
 * subscribes again and that counts as a change too (announcements made meanwhile were missed).
 */
final class WakeUps extends RedisPubSubAdapter<String, String> implements AutoCloseable {

    private final RedisLink link;
    private final String channel;
    private final Object monitor = new Object();
    private StatefulRedisPubSubConnection<String, String> connection;
    private long generation;
    private int waiting;
    private volatile boolean closed;

    WakeUps(RedisLink link, String channel) {
        this.link = link;
        this.channel = channel;
    }

    /** Subscribes on first use; a wait must not begin before this returned. */
    void ensureSubscribed() {
        synchronized (this) {
            if (connection != null || closed) {
                return;
            }
            StatefulRedisPubSubConnection<String, String> pubSub = link.connectPubSub();
            try {
                pubSub.addListener(this);
                pubSub.sync().subscribe(channel);
            } catch (RedisException e) {
                pubSub.close();
                throw link.failure("wait", e);
            }
            connection = pubSub;
        }
    }

    /** The count of changes seen so far. */
    long generation() {
        synchronized (monitor) {
            return generation;
        }
    }

    /** Waits up to {@code millis} for the generation to move past {@code seen}; returns at once if it has. */
    void awaitChange(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (monitor) {
            waiting++;
            try {
                while (generation == seen && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    monitor.wait(left / 1_000_000L, (int) (left % 1_000_000L));
                }
            } finally {
                waiting--;
            }
        }
    }

    @Override
    public void message(String from, String message) {
        changed();
    }

    @Override
    public void subscribed(String from, long count) {
        changed();
    }

    private void changed() {
        synchronized (monitor) {
            generation++;
            if (waiting > 0) {
                monitor.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        StatefulRedisPubSubConnection<String, String> pubSub;
        synchronized (this) {
            closed = true;
            pubSub = connection;
            connection = null;
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
        if (pubSub != null) {
            pubSub.close();
        }
    }
}
