package io.jobqueue.cli;

import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@link Worker#run()} so that a stop is prompt whatever the backend is doing. Once the worker
 * was told to stop (a signal, {@code --exit-after}, {@code --limit}), its jobs have the grace period
 * to finish; but a fetcher blocked in its backend — waiting the connection pool's timeout during a
 * database outage, 10 s and more — would hold the exit after every job has ended. When no job has
 * run for {@link #STUCK_AFTER} after the stop, the command goes on without waiting for the worker:
 * the process exits, and a message the stuck fetcher may still reserve comes back when its lease
 * runs out (nothing is lost; it runs once more at worst). On a backend that works, a fetcher's wait
 * for messages (the worker's poll timeout, 2 s by default) ends by itself; the rare message such a
 * wait reserves in its last half second after a stop comes back the same way.
 */
final class PromptStop {

    /** How long after a stop, with no job running, the worker may take to return. */
    static final Duration STUCK_AFTER = Duration.ofMillis(1_500);
    private static final long SLICE_MILLIS = 50;

    private PromptStop() {
    }

    /**
     * The worker's stats when its run returned, or empty when it was left behind, stuck after a stop
     * (then it must not be closed: closing waits for it).
     */
    static Optional<WorkerStats> run(Worker worker) {
        FutureTask<WorkerStats> run = new FutureTask<>(worker::run);
        Thread thread = new Thread(run, "jobqueue-worker");
        thread.setDaemon(true);
        thread.start();
        long idleSince = 0;
        while (true) {
            try {
                return Optional.of(run.get(SLICE_MILLIS, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                if (worker.stats().stopReason() == null || worker.runningJobs() > 0) {
                    idleSince = 0;
                } else if (idleSince == 0) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince >= STUCK_AFTER.toNanos()) {
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                worker.stop();
                Thread.currentThread().interrupt();
                try {
                    return Optional.of(run.get(STUCK_AFTER.toMillis(), TimeUnit.MILLISECONDS));
                } catch (InterruptedException | ExecutionException | TimeoutException again) {
                    return Optional.empty();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
