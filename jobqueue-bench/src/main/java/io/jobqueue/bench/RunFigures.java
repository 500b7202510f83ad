package io.jobqueue.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one run; {@link Double#NaN} for what was not measured (or could not be, because
 * jobs were lost).
 *
 * @param submitOneByOne jobs per second through {@code JobManager.queue}, one at a time
 * @param submitBatched  jobs per second through {@code JobManager.queueAll}, in chunks
 * @param process        jobs per second from the worker's start to the last job's start
 * @param p50Millis      median enqueue-to-start latency at the steady rate
 * @param p99Millis      99th percentile of it
 * @param maxMillis      the largest of it
 */
record RunFigures(double submitOneByOne, double submitBatched, double process,
                  double p50Millis, double p99Millis, double maxMillis) {

    /** Nothing measured yet. */
    static final RunFigures NONE = new RunFigures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    RunFigures withSubmit(double oneByOne, double batched) {
        return new RunFigures(oneByOne, batched, process, p50Millis, p99Millis, maxMillis);
    }

    RunFigures withProcess(double jobsPerSecond) {
        return new RunFigures(submitOneByOne, submitBatched, jobsPerSecond, p50Millis, p99Millis, maxMillis);
    }

    RunFigures withLatency(double p50, double p99, double max) {
        return new RunFigures(submitOneByOne, submitBatched, process, p50, p99, max);
    }

    /** Each figure the median of that figure over the runs, ignoring runs that lack it. */
    static RunFigures median(List<RunFigures> runs) {
        return new RunFigures(
                median(runs, RunFigures::submitOneByOne),
                median(runs, RunFigures::submitBatched),
                median(runs, RunFigures::process),
                median(runs, RunFigures::p50Millis),
                median(runs, RunFigures::p99Millis),
                median(runs, RunFigures::maxMillis));
    }

    private static double median(List<RunFigures> runs, ToDoubleFunction<RunFigures> figure) {
        double[] values = runs.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** The nearest-rank percentile of sorted values, e.g. {@code percentile(v, 99)}; NaN when empty. */
    static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
