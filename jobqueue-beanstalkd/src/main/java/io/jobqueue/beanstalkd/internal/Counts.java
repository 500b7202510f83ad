package io.jobqueue.beanstalkd.internal;

import java.util.Map;

/** Reads one counter of {@code stats-tube}; a tube that does not exist (it has no jobs) counts 0. */
public final class Counts {

    private Counts() {
    }

    /** The value of {@code key} (e.g. {@code current-jobs-ready}) for {@code tube}, on a pooled connection. */
    public static long of(ConnectionPool pool, String tube, String key) {
        BeanstalkClient client = pool.borrow();
        try {
            Map<String, String> stats = client.statsTube(tube);
            long value = stats == null ? 0 : Long.parseLong(stats.getOrDefault(key, "0"));
            pool.giveBack(client);
            return value;
        } catch (RuntimeException e) {
            pool.giveBack(client);
            throw e;
        }
    }
}
