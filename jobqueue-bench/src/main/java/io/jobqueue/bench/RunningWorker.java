package io.jobqueue.bench;

import io.jobqueue.JobManager;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import java.time.Duration;

/**
 * A {@link Worker} running on a thread of its own while the benchmark submits and waits, and
 * stopped within a bounded time however the queue behaves.
 */
final class RunningWorker implements AutoCloseable {

    /** Longest single wait on the queue, so a stop is noticed quickly. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /** No-op jobs end at once; a job still running after this is a hung backend call. */
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(10);

    private final Worker worker;
    private final Thread thread;
    private final long startNanos;
    private volatile WorkerStats stats;
    private volatile RuntimeException failure;

    private RunningWorker(Worker worker) {
        this.worker = worker;
        this.thread = new Thread(this::run, "bench-worker");
        this.thread.setDaemon(true);
        this.startNanos = System.nanoTime();
        this.thread.start();
    }

    /**
     * Starts a worker on the queue.
     *
     * @param limit jobs after which the worker stops by itself; 0 for none
     */
    static RunningWorker start(JobManager jobs, String queueName, int concurrency, long limit) {
        Worker worker = Worker.builder(jobs)
                .queues(queueName)
                .concurrency(concurrency)
                .limit(limit)
                .pollTimeout(POLL_TIMEOUT)
                .gracePeriod(GRACE_PERIOD)
                .build();
        return new RunningWorker(worker);
    }

    /** {@link System#nanoTime()} just before the worker's thread started. */
    long startNanos() {
        return startNanos;
    }

    private void run() {
        try {
            stats = worker.run();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /**
     * Stops the worker (it takes nothing new, lets running jobs end) and waits for it, at most the
     * grace period plus a few seconds.
     *
     * @throws IllegalStateException when the worker failed or did not end
     */
    @Override
    public void close() {
        worker.close();
        try {
            thread.join(GRACE_PERIOD.plus(POLL_TIMEOUT).toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("the worker failed: " + failure, failure);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the worker did not stop within " + GRACE_PERIOD.plusSeconds(10).toSeconds() + " s");
        }
    }

    /** The worker's counts; after {@link #close()}. */
    WorkerStats stats() {
        return stats != null ? stats : worker.stats();
    }
}
