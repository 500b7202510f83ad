package io.jobqueue.beanstalkd.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue's connections that hold no reservation. Each uses and watches only the queue's tube, so
 * any of them can put, peek, count or reserve. A borrower owns the connection alone until it
 * gives it back; a connection that got jobs from a reserve is kept by the {@link Reservations} as
 * their holder and comes back when its last job is finished, released or aborted.
 *
 * <p>When any connection fails, every idle connection opened before the failure is dropped too:
 * after a server restart they are all dead, and a command sent on one would fail (or, for a
 * {@code put}, leave the caller unsure whether it arrived). Every new connection is shown to the
 * {@link #onOpen} check before it is used (the queue's ownership mark, which a restarted server
 * may have lost). Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    private static final int MAX_IDLE = 32;

    private final Endpoint endpoint;
    private final String tube;
    private final ConcurrentLinkedDeque<BeanstalkClient> idle = new ConcurrentLinkedDeque<>();
    private final Map<BeanstalkClient, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile Consumer<BeanstalkClient> onOpen = client -> { };
    private volatile boolean closed;

    public ConnectionPool(Endpoint endpoint, String tube) {
        this.endpoint = endpoint;
        this.tube = tube;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Runs {@code check} on every connection opened from now on, after its {@code use}/{@code watch}
     * and before anyone uses it; an exception from the check closes the connection and reaches the
     * borrower.
     */
    public void onOpen(Consumer<BeanstalkClient> check) {
        this.onOpen = check;
    }

    /** An idle connection, or a new one when none is idle. */
    public BeanstalkClient borrow() {
        BeanstalkClient client;
        while ((client = idle.pollFirst()) != null) {
            Integer born = open.get(client);
            if (born != null && born == generation.get() && client.isUsable()) {
                return client;
            }
            discard(client);
        }
        return openNew();
    }

    /** Takes a connection back: kept when usable and the pool is open, else closed. */
    public void giveBack(BeanstalkClient client) {
        Integer born = open.get(client);
        boolean current = born != null && born == generation.get();
        if (client.isUsable() && !closed && current && idle.size() < MAX_IDLE) {
            idle.offerFirst(client);
            if (closed && idle.remove(client)) {
                discard(client);
            }
            return;
        }
        if (!client.isUsable() && born != null) {
            generation.incrementAndGet(); // it failed: the others opened with it are suspect too
        }
        discard(client);
    }

    /**
     * Closes a connection after an exception, whatever state it is in (it may hold jobs, which
     * the server then returns to ready); a broken one marks the others opened with it as suspect.
     */
    public void closeAfterFailure(BeanstalkClient client) {
        if (!client.isUsable() && open.containsKey(client)) {
            generation.incrementAndGet();
        }
        discard(client);
    }

    /** Closes a connection for good (the server then returns its reserved jobs to ready). */
    public void discard(BeanstalkClient client) {
        open.remove(client);
        client.close();
    }

    /** Closes every connection, idle or lent out; idempotent. Borrowing afterwards fails. */
    @Override
    public void close() {
        closed = true;
        for (BeanstalkClient client : open.keySet()) {
            discard(client);
        }
        idle.clear();
    }

    private BeanstalkClient openNew() {
        if (closed) {
            throw new IllegalStateException("beanstalkd queue '" + endpoint.queueName() + "' is closed");
        }
        int born = generation.get();
        BeanstalkClient client = BeanstalkClient.open(endpoint);
        try {
            client.useAndWatchOnly(tube);
            onOpen.accept(client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        open.put(client, born);
        if (closed) {
            discard(client);
            throw new IllegalStateException("beanstalkd queue '" + endpoint.queueName() + "' is closed");
        }
        LOG.debug("Opened connection {} to {} for tube {}", open.size(), endpoint.describe(), tube);
        return client;
    }
}
