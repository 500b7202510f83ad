package io.jobqueue.bench;

import io.jobqueue.JobManager;
import io.jobqueue.Queue;
import io.jobqueue.bench.BenchConfig.Phase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmarks one queue: an optional warm-up run, then {@code runs} measured runs of the chosen
 * measurements, and the median of each figure over the measured runs. Jobs lost or run twice are
 * counted over every run, the warm-up included, at the very end.
 */
final class Benchmark {

    private final JobManager jobs;
    private final String queueName;
    private final BenchConfig config;
    private final PrintWriter progress;

    Benchmark(JobManager jobs, String queueName, BenchConfig config, PrintWriter progress) {
        this.jobs = jobs;
        this.queueName = queueName;
        this.config = config;
        this.progress = progress;
    }

    /** Runs everything and returns the row's figures; {@code label} names the row. */
    BenchResult run(String label) {
        Queue queue = jobs.queueManager().getQueue(queueName);
        queue.setUp();
        Measurements measurements = new Measurements(jobs, queueName, config.patience(), progress);
        say("%s: queue '%s' (%s), N=%,d, W=%d, latency at %,d/s for %d s, %d run(s)%s", label, queueName, queue.name(),
                config.jobs(), config.workers(), config.rate(), config.seconds(), config.runs(),
                config.warmup() ? " after a warm-up" : "");
        if (config.warmup()) {
            say("  warm-up (N=%,d, %d s)", config.forWarmup().jobs(), config.forWarmup().seconds());
            runOnce(measurements, config.forWarmup());
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

    private RunFigures runOnce(Measurements measurements, BenchConfig run) {
        RunFigures figures = RunFigures.NONE;
        boolean submit = run.measures(Phase.SUBMIT);
        boolean process = run.measures(Phase.PROCESS);
        if (submit || process) {
            double oneByOne = Double.NaN;
            if (submit) {
                oneByOne = measurements.submitOneByOne(run.jobs(), run.workers());
                say("    submit 1-by-1:   %s jobs/s", BenchResult.rate(oneByOne));
            }
            Measurements.Batch batch = measurements.submitBatched(run.jobs());
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
