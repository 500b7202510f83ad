package io.jobqueue.jdbc.internal;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The connection pools of this JVM, shared by every queue with the same {@link PoolKey} (or the same
 * application DataSource) and counted by reference: a worker with twenty queues on one database
 * opens one pool (and one LISTEN connection), and the pool closes with the last queue that uses it.
 */
public final class PoolRegistry {

    private static final Map<Object, SharedPool> POOLS = new HashMap<>();

    private PoolRegistry() {
    }

    /** The pool for the key, opened on first use; every call must be paired with {@link #release}. */
    public static synchronized SharedPool acquire(PoolKey key, Dialect dialect) {
        return take(POOLS.computeIfAbsent(key, k -> SharedPool.open(key, dialect)));
    }

    /**
     * The pool over an application's DataSource, which it never closes; every call must be paired
     * with {@link #release}.
     *
     * @param url the URL the DataSource's connections report, for messages
     */
    public static synchronized SharedPool acquire(DataSource dataSource, Dialect dialect, String url) {
        return take(POOLS.computeIfAbsent(dataSource, d -> SharedPool.given(dataSource, dialect, url)));
    }

    private static SharedPool take(SharedPool pool) {
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
