package io.jobqueue.redis.internal;

import io.jobqueue.spi.WakeSignal;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * Wakes this JVM's waiting reservers of one queue when any process announces a change on the
 * queue's channel (a submit, a release, a retry), so a waiter needs no polling and no connection
 * of its own: all waiters of the queue share one Pub/Sub connection and wait on one
 * {@link WakeSignal} (with {@link io.jobqueue.spi.WaitLoop}, which reads the signal's generation
 * before each poll, so an announcement made after the poll always ends the wait). When the
 * connection comes back after an outage, Lettuce subscribes again and that counts as a change too
 * (announcements made meanwhile were missed). Closing wakes every waiter.
 */
final class WakeUps extends RedisPubSubAdapter<String, String> implements AutoCloseable {

    private final RedisLink link;
    private final String channel;
    private final WakeSignal signal = new WakeSignal();
    private StatefulRedisPubSubConnection<String, String> connection;
    private boolean closed;

    WakeUps(RedisLink link, String channel) {
        this.link = link;
        this.channel = channel;
    }

    /** Subscribes on first use; a wait must not begin before this returned. */
    synchronized void ensureSubscribed() {
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

    /** The signal every announcement on the channel wakes. */
    WakeSignal signal() {
        return signal;
    }

    @Override
    public void message(String from, String message) {
        signal.wake();
    }

    @Override
    public void subscribed(String from, long count) {
        signal.wake();
    }

    @Override
    public void close() {
        StatefulRedisPubSubConnection<String, String> pubSub;
        synchronized (this) {
            closed = true;
            pubSub = connection;
            connection = null;
        }
        signal.wake();
        if (pubSub != null) {
            pubSub.close();
        }
    }
}
