package io.jobqueue.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The jobs of one measurement, counted as they start: how often each job started (to find lost
 * and twice-run ones), each job's first enqueue-to-start latency, and when the last one started.
 * Preallocated, so recording costs a job two atomic increments and one array store.
 *
 * <p>Thread-safe: jobs record from worker threads while the benchmark thread waits and reads.
 */
final class Round {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int number;
    private final int capacity;
    private final AtomicIntegerArray starts;
    private final long[] latencyNanos;
    private final AtomicInteger distinct = new AtomicInteger();
    private volatile int submitted;
    private volatile long allStartedNanos;

    Round(int number, int capacity) {
        this.number = number;
        this.capacity = capacity;
        this.starts = new AtomicIntegerArray(capacity);
        this.latencyNanos = new long[capacity];
    }

    int number() {
        return number;
    }

    int capacity() {
        return capacity;
    }

    /** The job with that index, stamped as submitted now. */
    NoopJob job(int index) {
        return new NoopJob(NoopJob.seq(number, index), System.nanoTime());
    }

    /** Sets how many of the jobs were submitted; the others cannot be lost. */
    void submitted(int count) {
        submitted = count;
    }

    int submitted() {
        return submitted;
    }

    /** Records a start; false for an index this round does not have. */
    boolean started(int index, long latency, long now) {
        if (index < 0 || index >= capacity) {
            return false;
        }
        if (starts.incrementAndGet(index) == 1) {
            latencyNanos[index] = latency;
            if (distinct.incrementAndGet() == capacity) {
                allStartedNanos = now;
            }
        }
        return true;
    }

    /** How many different jobs started. */
    int distinct() {
        return distinct.get();
    }

    /** {@link System#nanoTime()} when the last of all {@code capacity} jobs started; 0 until then. */
    long allStartedNanos() {
        return allStartedNanos;
    }

    /**
     * Waits until every submitted job started, or until none started for {@code patience}.
     *
     * @return true when all started
     */
    boolean awaitAll(Duration patience) {
        long patienceNanos = patience.toNanos();
        int seen = distinct.get();
        long lastProgress = System.nanoTime();
        while (seen < submitted) {
            LockSupport.parkNanos(POLL_NANOS);
            int now = distinct.get();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > patienceNanos) {
                return false;
            }
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    /** Submitted jobs that never started. */
    long lost() {
        long lost = 0;
        for (int i = 0; i < submitted; i++) {
            if (starts.get(i) == 0) {
                lost++;
            }
        }
        return lost;
    }

    /** Jobs that started more than once. */
    long ranTwice() {
        long twice = 0;
        for (int i = 0; i < capacity; i++) {
            if (starts.get(i) > 1) {
                twice++;
            }
        }
        return twice;
    }

    /** The enqueue-to-start latencies of the jobs that started, in nanoseconds, sorted; read after the workers stopped. */
    long[] sortedLatencies() {
        long[] values = new long[distinct.get()];
        int n = 0;
        for (int i = 0; i < capacity && n < values.length; i++) {
            if (starts.get(i) > 0) {
                values[n++] = latencyNanos[i];
            }
        }
        long[] result = n == values.length ? values : Arrays.copyOf(values, n);
        Arrays.sort(result);
        return result;
    }
}
