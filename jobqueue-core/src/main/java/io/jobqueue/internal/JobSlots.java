package io.jobqueue.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker's slots: one per job thread plus one per message reserved ahead ("prefetch"), so job
 * threads do not wait for a round trip to the backend. With a fixed prefetch the count never
 * changes. Otherwise it follows the jobs' running time: as many messages ahead as the job threads
 * start within {@link #HORIZON_NANOS} (short jobs: up to {@link #MAX_PREFETCH}; jobs of a second
 * or more: one), so fast jobs get big batches and slow jobs are not held back from other workers.
 */
public final class JobSlots {

    /** Most messages reserved ahead when the prefetch adapts. */
    public static final int MAX_PREFETCH = 128;
    /** How much work, in time, the adaptive prefetch keeps reserved ahead. */
    static final long HORIZON_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int TUNE_EVERY_JOBS = 64;

    private final Permits permits;
    private final int concurrency;
    private final boolean adaptive;
    private final AtomicLong ended = new AtomicLong();
    private volatile long averageJobNanos;
    private int prefetch;

    /** @param fixedPrefetch messages reserved ahead, or a negative number to adapt to the jobs */
    public JobSlots(int concurrency, int fixedPrefetch) {
        this.concurrency = concurrency;
        this.adaptive = fixedPrefetch < 0;
        this.prefetch = adaptive ? concurrency : fixedPrefetch;
        this.permits = new Permits(concurrency + prefetch);
    }

    /** The most slots there can ever be, for the size of a single reservation. */
    public int maximum() {
        return concurrency + (adaptive ? Math.max(concurrency, MAX_PREFETCH) : prefetch);
    }

    public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        return permits.tryAcquire(timeout, unit);
    }

    public boolean tryAcquire() {
        return permits.tryAcquire();
    }

    /** Gives back slots that were not used. */
    public void release(int count) {
        permits.release(count);
    }

    /** A job ended after running {@code nanos}: frees its slot, and now and then retunes the prefetch. */
    public void jobEnded(long nanos) {
        permits.release(1);
        if (!adaptive) {
            return;
        }
        long average = averageJobNanos;
        averageJobNanos = average == 0 ? nanos : average + (nanos - average) / 16; // benign race: an estimate
        if (ended.incrementAndGet() % TUNE_EVERY_JOBS == 0) {
            tune();
        }
    }

    /** Messages currently reserved ahead of free job threads at most. */
    public synchronized int prefetch() {
        return prefetch;
    }

    private synchronized void tune() {
        long average = Math.max(1_000, averageJobNanos);
        long wanted = concurrency * HORIZON_NANOS / average;
        int target = (int) Math.max(1, Math.min(Math.max(concurrency, MAX_PREFETCH), wanted));
        int change = target - prefetch;
        if (change > 0) {
            permits.release(change);
        } else if (change < 0) {
            permits.reduce(-change);
        }
        prefetch = target;
    }

    /** A semaphore whose permits can be taken away (they may go below zero until jobs end). */
    private static final class Permits extends Semaphore {
        private static final long serialVersionUID = 1L;

        Permits(int permits) {
            super(permits);
        }

        void reduce(int count) {
            reducePermits(count);
        }
    }
}
