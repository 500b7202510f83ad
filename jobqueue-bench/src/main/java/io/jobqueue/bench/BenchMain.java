package io.jobqueue.bench;

import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueManager;
import io.jobqueue.bench.BenchConfig.Phase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The benchmark program's command line: measures each given queue and prints one markdown table
 * row per queue on stdout (progress goes to stderr). Exits 1 when any job was lost or ran twice,
 * 2 for a bad command line, 3 when a queue could not be used.
 */
@Command(name = "jobqueue-bench", sortOptions = false, usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 3,
        description = "Measures queues through the full JobManager path: submit throughput (one at a time and"
                + " batched), processing throughput of N queued no-op jobs drained by a worker with W threads, and"
                + " enqueue-to-start latency at a steady rate. Each figure is the median of the measured runs."
                + " Prints one markdown table row per queue; exits 1 if a job was lost or ran twice.%n"
                + "The queue is FLUSHED before each measurement: give the benchmark a queue of its own.%n")
public final class BenchMain implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "jobqueue.yaml to read; default: an in-memory queue per --queue")
    private Path config;

    @Option(names = "--queue", paramLabel = "NAME", description = "queue to measure (repeatable; default: bench)")
    private List<String> queues = new ArrayList<>(List.of("bench"));

    @Option(names = "--label", paramLabel = "TEXT", description = "row label, one per --queue in order (default: backend · queue)")
    private List<String> labels = new ArrayList<>();

    @Option(names = "--keys", paramLabel = "KIND", description = "keys the jobs carry, one per --queue in order: none,"
            + " unique (one per job) or concurrency (64 in turn) (default: none)")
    private List<SubmitKeys> keys = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "jobs per throughput measurement (default: ${DEFAULT-VALUE})")
    private int jobs = BenchConfig.DEFAULT_JOBS;

    @Option(names = "--workers", paramLabel = "W", description = "worker concurrency (default: ${DEFAULT-VALUE})")
    private int workers = BenchConfig.DEFAULT_WORKERS;

    @Option(names = "--rate", paramLabel = "R", description = "jobs/s submitted while measuring latency (default: ${DEFAULT-VALUE})")
    private int rate = BenchConfig.DEFAULT_RATE;

    @Option(names = "--seconds", paramLabel = "S", description = "seconds of submitting while measuring latency (default: ${DEFAULT-VALUE})")
    private int seconds = BenchConfig.DEFAULT_SECONDS;

    @Option(names = "--runs", paramLabel = "R", description = "measured runs; figures are their medians (default: ${DEFAULT-VALUE})")
    private int runs = BenchConfig.DEFAULT_RUNS;

    @Option(names = "--warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "one unreported run with N/4 jobs and S/4 seconds first (default: on)")
    private boolean warmup = true;

    @Option(names = "--only", paramLabel = "PHASE", description = "measure only submit, process or latency (repeatable)")
    private List<Phase> only = new ArrayList<>();

    @Option(names = "--patience", paramLabel = "SECONDS",
            description = "wait this long without any job starting before missing jobs count as lost (default: ${DEFAULT-VALUE})")
    private int patience = BenchConfig.DEFAULT_PATIENCE_SECONDS;

    @Option(names = "--baseline", description = "with --config, measure an in-memory queue first, as a baseline in the same run")
    private boolean baseline;

    @Option(names = "--no-header", description = "print the rows only, to append them to a table")
    private boolean noHeader;

    @Option(names = "--markdown-header", description = "print the table header and exit")
    private boolean headerOnly;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    /** Runs the program and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the program with the given streams for the table and for progress; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new BenchMain())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("jobqueue-bench: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    if (Boolean.getBoolean("jobqueue.bench.trace")) {
                        e.printStackTrace(cmd.getErr());
                    }
                    cmd.getErr().flush();
                    return cmd.getCommandSpec().exitCodeOnExecutionException();
                })
                .setParameterExceptionHandler((e, parsed) -> {
                    e.getCommandLine().getErr().println("jobqueue-bench: " + e.getMessage() + " (see --help)");
                    e.getCommandLine().getErr().flush();
                    return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
                });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (headerOnly) {
            out.println(BenchResult.HEADER);
            out.flush();
            return 0;
        }
        BenchConfig bench = benchConfig();
        List<BenchResult> results = new ArrayList<>();
        if (baseline && config != null) {
            try (QueueManager memory = memoryQueues(List.of("baseline"))) {
                results.add(measure(memory, "baseline", "memory · baseline", bench, err, SubmitKeys.NONE));
            }
        }
        try (QueueManager queueManager = config == null ? memoryQueues(queues) : QueueManager.fromYaml(config)) {
            for (int i = 0; i < queues.size(); i++) {
                String label = i < labels.size() ? labels.get(i) : null;
                SubmitKeys kind = i < keys.size() ? keys.get(i) : SubmitKeys.NONE;
                results.add(measure(queueManager, queues.get(i), label, bench, err, kind));
            }
        }
        if (Recorder.strays() > 0) {
            err.println("warning: " + Recorder.strays() + " job(s) ran that the benchmark never submitted in this run");
        }
        if (!noHeader) {
            out.println(BenchResult.HEADER);
        }
        boolean clean = true;
        for (BenchResult result : results) {
            out.println(result.markdownRow());
            clean &= result.tally().clean();
        }
        out.flush();
        return clean ? 0 : 1;
    }

    private BenchConfig benchConfig() {
        try {
            return new BenchConfig(jobs, workers, rate, seconds, runs, warmup, Set.copyOf(only), Duration.ofSeconds(patience));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static BenchResult measure(QueueManager queueManager, String queueName, String label, BenchConfig bench,
                                       PrintWriter err, SubmitKeys keys) {
        JobManager jobManager = new JobManager(queueManager);
        String backend = queueManager.getQueue(queueName).capabilities().backend();
        String rowLabel = label != null ? label : defaultLabel(backend, queueName, bench)
                + (keys == SubmitKeys.NONE ? "" : ", " + keys.label());
        return new Benchmark(jobManager, queueName, bench, err, keys).run(rowLabel);
    }

    private static String defaultLabel(String backend, String queueName, BenchConfig bench) {
        String nonDefaults = bench.nonDefaults();
        return backend + " · " + queueName + (nonDefaults.isEmpty() ? "" : " (" + nonDefaults + ")");
    }

    private static QueueManager memoryQueues(List<String> names) {
        JobQueueSettings.Builder settings = JobQueueSettings.builder();
        for (String name : names) {
            settings.queue(name, "memory");
        }
        return new QueueManager(settings.build());
    }
}
