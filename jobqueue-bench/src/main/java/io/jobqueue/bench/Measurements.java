package io.jobqueue.bench;

import io.jobqueue.JobManager;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measurements against one queue: timed submits (one at a time and batched), a worker draining
 * queued jobs, and enqueue-to-start latency at a steady rate. Every job belongs to a {@link Round}
 * that counts its starts, so jobs lost or run twice show up whatever is being timed; the caller
 * drains what it submits.
 *
 * <p>The queue is flushed before each measurement, so no message of an earlier one is counted.
 */
final class Measurements {

    private final JobManager jobs;
    private final String queueName;
    private final Queue queue;
    private final Duration patience;
    private final PrintWriter progress;
    private final List<Round> rounds = new ArrayList<>();
    private final SubmitKeys keys;

    Measurements(JobManager jobs, String queueName, Duration patience, PrintWriter progress, SubmitKeys keys) {
        this.keys = keys;
        this.jobs = jobs;
        this.queueName = queueName;
        this.queue = jobs.queueManager().getQueue(queueName);
        this.patience = patience;
        this.progress = progress;
    }

    /** Every round so far, for counting lost and twice-run jobs at the end. */
    List<Round> rounds() {
        return rounds;
    }

    /** Submits a fresh round of n jobs one at a time, timed; they are not run yet. */
    Submitted submitOneByOne(int n) {
        Round round = freshRound(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            jobs.queue(queueName, round.job(i), keys.options(round, i));
        }
        double rate = perSecond(n, System.nanoTime() - start);
        round.submitted(n);
        return new Submitted(round, rate);
    }

    /** Submits a fresh round of n jobs in chunks through {@code queueAll}, timed; they are not run yet. */
    Submitted submitBatched(int n) {
        if (keys != SubmitKeys.NONE) {
            return new Submitted(submitOneByOne(n).round(), Double.NaN);
        }
        Round round = freshRound(n);
        long start = System.nanoTime();
        for (int from = 0; from < n; from += BenchConfig.SUBMIT_BATCH) {
            int to = Math.min(n, from + BenchConfig.SUBMIT_BATCH);
            List<NoopJob> chunk = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                chunk.add(round.job(i));
            }
            jobs.queueAll(queueName, chunk, SubmitOptions.DEFAULT);
        }
        double rate = perSecond(n, System.nanoTime() - start);
        round.submitted(n);
        return new Submitted(round, rate);
    }

    /**
     * Runs a worker over the queued jobs of a round until all started (or stalled) and stops it.
     *
     * @return jobs per second from the worker's start to the last job's start; NaN if some never started
     */
    double drain(Round round, int workers) {
        RunningWorker worker = RunningWorker.start(jobs, queueName, workers, round.submitted());
        try {
            if (!round.awaitAll(patience)) {
                say("    %,d of %,d jobs did not start within %d s of the last one that did", round.submitted() - round.distinct(),
                        round.submitted(), patience.toSeconds());
            }
        } finally {
            worker.close();
        }
        long end = round.allStartedNanos();
        return end == 0 ? Double.NaN : perSecond(round.capacity(), end - worker.startNanos());
    }

    /**
     * Submits {@code rate × seconds} jobs at a steady rate while a worker waits, and measures how
     * long each took from submit to start.
     *
     * @return {p50, p99, max} in milliseconds; NaN when no job started
     */
    @SuppressWarnings("try") // the worker runs in the background for as long as the try holds it
    double[] latency(int rate, int seconds, int workers) {
        Round round = freshRound(rate * seconds);
        try (RunningWorker worker = RunningWorker.start(jobs, queueName, workers, 0)) {
            primeWorker();
            int submitted = new SteadySubmitter(jobs, queueName, round, rate, Duration.ofSeconds(seconds)).run();
            if (submitted < round.capacity()) {
                say("    the queue kept up with only %,d of %,d jobs at %,d/s; latency is of those", submitted,
                        round.capacity(), rate);
            }
            if (!round.awaitAll(patience)) {
                say("    %,d of %,d jobs did not start within %d s of the last one that did",
                        submitted - round.distinct(), submitted, patience.toSeconds());
            }
        }
        long[] sorted = round.sortedLatencies();
        return new double[] {millis(RunFigures.percentile(sorted, 50)), millis(RunFigures.percentile(sorted, 99)),
                sorted.length == 0 ? Double.NaN : millis(sorted[sorted.length - 1])};
    }

    /** Runs one job through the waiting worker, so the first measured job does not wait for the worker to start. */
    private void primeWorker() {
        Round prime = newRound(1);
        jobs.queue(queueName, prime.job(0));
        prime.submitted(1);
        if (!prime.awaitAll(patience)) {
            say("    the worker did not run a first job within %d s", patience.toSeconds());
        }
    }

    private Round freshRound(int capacity) {
        queue.flush();
        return newRound(capacity);
    }

    private Round newRound(int capacity) {
        Round round = Recorder.newRound(capacity);
        rounds.add(round);
        return round;
    }

    private void say(String format, Object... args) {
        progress.println(String.format(Locale.ROOT, format, args));
        progress.flush();
    }

    private static double perSecond(int jobs, long nanos) {
        return nanos <= 0 ? Double.NaN : jobs * 1e9 / nanos;
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }

    /** Jobs submitted, queued and waiting, and how fast they were submitted. */
    record Submitted(Round round, double jobsPerSecond) {
    }
}
