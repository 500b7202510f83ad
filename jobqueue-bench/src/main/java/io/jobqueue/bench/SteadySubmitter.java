package io.jobqueue.bench;

import io.jobqueue.JobManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Submits the jobs of a round at a steady rate, one at a time through {@link JobManager#queue}:
 * a timer ticks every {@value #TICK_MICROS} µs and submits as many jobs as the rate says should
 * have been submitted by then. No thread spins; a queue slower than the rate makes the ticks catch
 * up, and submitting stops at a time bound even if not every job was submitted.
 */
final class SteadySubmitter {

    private static final long TICK_MICROS = 2_000;

    private final JobManager jobs;
    private final String queueName;
    private final Round round;
    private final double ratePerSecond;
    private final long timeBoundNanos;
    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private int submitted;
    private long startNanos;

    /**
     * @param duration how long submitting should take at the rate ({@code round.capacity() / rate})
     */
    SteadySubmitter(JobManager jobs, String queueName, Round round, double ratePerSecond, Duration duration) {
        this.jobs = jobs;
        this.queueName = queueName;
        this.round = round;
        this.ratePerSecond = ratePerSecond;
        // A queue that cannot keep up gets half as long again, plus a little, then submitting stops.
        this.timeBoundNanos = duration.toNanos() * 3 / 2 + TimeUnit.SECONDS.toNanos(2);
    }

    /**
     * Submits, blocking until every job was submitted or the time bound passed.
     *
     * @return how many jobs were submitted (also set on the round)
     * @throws RuntimeException what the queue threw on submit
     */
    int run() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-pacer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            startNanos = System.nanoTime();
            ScheduledFuture<?> ticks = timer.scheduleAtFixedRate(this::tick, 0, TICK_MICROS, TimeUnit.MICROSECONDS);
            int count;
            try {
                count = done.get(timeBoundNanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("a submit to queue '" + queueName + "' hung for more than 30 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while submitting", e);
            } finally {
                ticks.cancel(false);
            }
            return count;
        } finally {
            timer.shutdownNow();
        }
    }

    /** Runs on the timer thread only. */
    private void tick() {
        if (done.isDone()) {
            return;
        }
        try {
            long elapsed = System.nanoTime() - startNanos;
            // The first job goes at time 0, job k at k / rate.
            long due = Math.min(round.capacity(), 1 + (long) (elapsed * ratePerSecond / 1e9));
            while (submitted < due && System.nanoTime() - startNanos < timeBoundNanos) {
                jobs.queue(queueName, round.job(submitted));
                submitted++;
                round.submitted(submitted);
            }
            if (submitted == round.capacity() || System.nanoTime() - startNanos >= timeBoundNanos) {
                done.complete(submitted);
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }
}
