package io.jobqueue.micrometer.internal;

import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.util.function.ToLongFunction;

/**
 * The meters of one worker, read from {@link Worker#stats()} and {@link Worker#runningJobs()} when
 * the registry asks (a few atomic reads, no backend call): {@code jobqueue.worker.jobs} by outcome
 * and the gauge {@code jobqueue.worker.running}. The registry holds the worker weakly; the binding
 * keeps it.
 */
public final class WorkerMeters {

    private WorkerMeters() {
    }

    /** Registers the meters of a worker under the tag {@code worker=name}. */
    public static void register(OwnedMeters meters, Worker worker, String name) {
        meters.add(Gauge.builder(MeterNames.WORKER_RUNNING, worker, Worker::runningJobs)
                .tag(MeterNames.TAG_WORKER, name)
                .description("jobs this worker runs now")
                .register(meters.registry()));
        outcome(meters, worker, name, "succeeded", WorkerStats::succeeded);
        outcome(meters, worker, name, "released", WorkerStats::released);
        outcome(meters, worker, name, "failed", WorkerStats::failed);
    }

    private static void outcome(OwnedMeters meters, Worker worker, String name, String outcome, ToLongFunction<WorkerStats> count) {
        meters.add(FunctionCounter.builder(MeterNames.WORKER_JOBS, worker, w -> count.applyAsLong(w.stats()))
                .tag(MeterNames.TAG_WORKER, name).tag(MeterNames.TAG_OUTCOME, outcome)
                .description("jobs this worker ran to an end, by outcome: succeeded, released for another try, failed for good")
                .register(meters.registry()));
    }
}
