package io.jobqueue.bench;

import io.jobqueue.JobManager;
import io.jobqueue.Queue;
import io.jobqueue.bench.BenchConfig.Phase;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmarks one queue: an optional warm-up run, then {@code runs} measured runs of the chosen
 * measurements, and the median of each figure over the measured runs. Jobs lost or run twice are
 * counted over every run, the warm-up included, at the very end.
 */
final class Benchmark {

    /** How long the throughput part of the warm-up repeats at least. */
    private static final Duration WARMUP_TIME = Duration.ofSeconds(3);
    private static final int WARMUP_MAX_REPEATS = 8;

    private final JobManager jobs;
    private final String queueName;
    private final BenchConfig config;
    private final PrintWriter progress;

    Benchmark(JobManager jobs, String queueName, BenchConfig config, PrintWriter progress, SubmitKeys keys) {
        this.keys = keys;
        this.jobs = jobs;
        this.queueName = queueName;
        this.config = config;
        this.progress = progress;
    }

    private final SubmitKeys keys;

    /** Runs everything and returns the row's figures; {@code label} names the row. */
    BenchResult run(String label) {
        Queue queue = jobs.queueManager().getQueue(queueName);
        queue.setUp();
        Measurements measurements = new Measurements(jobs, queueName, config.patience(), progress, keys);
        say("%s: queue '%s' (%s), N=%,d, W=%d, latency at %,d/s for %d s, %d run(s)%s", label, queueName, queue.name(),
                config.jobs(), config.workers(), config.rate(), config.seconds(), config.runs(),
                config.warmup() ? " after a warm-up" : "");
        if (config.warmup()) {
            warmUp(measurements, config.forWarmup());
        }
        List<RunFigures> runs = new ArrayList<>();
        for (int i = 1; i <= config.runs(); i++) {
            say("  run %d/%d", i, config.runs());
            runs.add(runOnce(measurements, config));
        }
        queue.flush();
        Recorder.Tally tally = Recorder.tally(measurements.rounds());
        say("  done: lost %d, run twice %d", tally.lost(), tally.twice());
        return new BenchResult(label, RunFigures.median(runs), tally);
    }

    /**
     * One unreported run with the warm-up configuration, its throughput part repeated until it has
     * taken {@link #WARMUP_TIME} (at most {@link #WARMUP_MAX_REPEATS} times): the JIT compiler
     * needs tens of thousands of jobs through the serializer and the queue, which a fast backend
     * runs in a fraction of a second, while a slow backend is warm after one repetition.
     */
    private void warmUp(Measurements measurements, BenchConfig warmup) {
        long start = System.nanoTime();
        if (warmup.measures(Phase.SUBMIT) || warmup.measures(Phase.PROCESS)) {
            for (int i = 1; i <= WARMUP_MAX_REPEATS && System.nanoTime() - start < WARMUP_TIME.toNanos(); i++) {
                say("  warm-up %d (N=%,d)", i, warmup.jobs());
                throughput(measurements, warmup, RunFigures.NONE);
            }
        }
        if (warmup.measures(Phase.LATENCY)) {
            say("  warm-up (%d s at %,d/s)", warmup.seconds(), warmup.rate());
            latency(measurements, warmup, RunFigures.NONE);
        }
    }

    private RunFigures runOnce(Measurements measurements, BenchConfig run) {
        RunFigures figures = throughput(measurements, run, RunFigures.NONE);
        return latency(measurements, run, figures);
    }

    private RunFigures throughput(Measurements measurements, BenchConfig run, RunFigures figures) {
        boolean submit = run.measures(Phase.SUBMIT);
        boolean process = run.measures(Phase.PROCESS);
        if (submit || process) {
            double oneByOne = Double.NaN;
            if (submit) {
                Measurements.Submitted single = measurements.submitOneByOne(run.jobs());
                oneByOne = single.jobsPerSecond();
                say("    submit 1-by-1:   %s jobs/s", BenchResult.rate(oneByOne));
                measurements.drain(single.round(), run.workers()); // untimed: only to count lost and twice
            }
            Measurements.Submitted batch = measurements.submitBatched(run.jobs());
            if (submit) {
                say("    submit batched:  %s jobs/s", BenchResult.rate(batch.jobsPerSecond()));
                figures = figures.withSubmit(oneByOne, batch.jobsPerSecond());
            }
            // The batch-submitted jobs are the queued jobs the processing measurement drains.
            double drained = measurements.drain(batch.round(), run.workers());
            if (process) {
                say("    process %,d×%d: %s jobs/s", run.jobs(), run.workers(), BenchResult.rate(drained));
                figures = figures.withProcess(drained);
            }
        }
        return figures;
    }

    private RunFigures latency(Measurements measurements, BenchConfig run, RunFigures figures) {
        if (run.measures(Phase.LATENCY)) {
            double[] latency = measurements.latency(run.rate(), run.seconds(), run.workers());
            say("    latency:         %s ms (p50 / p99 / max)", BenchResult.latency(latency[0], latency[1], latency[2]));
            figures = figures.withLatency(latency[0], latency[1], latency[2]);
        }
        return figures;
    }

    private void say(String format, Object... args) {
        progress.println(String.format(Locale.ROOT, format, args));
        progress.flush();
    }
}
