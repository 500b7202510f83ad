package io.jobqueue.jdbc.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The connection pools of this JVM, shared by every queue with the same {@link PoolKey} and counted
 * by reference: a worker with twenty queues on one database opens one pool (and one LISTEN
 * connection), and the pool closes with the last queue that uses it.
 */
public final class PoolRegistry {

    private static final Map<PoolKey, SharedPool> POOLS = new HashMap<>();

    private PoolRegistry() {
    }

    /** The pool for the key, opened on first use; every call must be paired with {@link #release}. */
    public static synchronized SharedPool acquire(PoolKey key, Dialect dialect) {
        SharedPool pool = POOLS.computeIfAbsent(key, k -> new SharedPool(k, dialect));
        pool.references++;
        return pool;
    }

    /** Gives back a pool taken with {@link #acquire}; the last release closes it. */
    public static synchronized void release(SharedPool pool) {
        pool.references--;
        if (pool.references == 0) {
            POOLS.remove(pool.key());
            pool.close();
        }
    }

    /** How many pools are open, for tests. */
    static synchronized int openPools() {
        return POOLS.size();
    }
}
