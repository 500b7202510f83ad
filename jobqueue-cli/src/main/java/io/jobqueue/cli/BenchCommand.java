package io.jobqueue.cli;

import io.jobqueue.QueueSettings;
import io.jobqueue.bench.BenchMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jobqueue bench}: the benchmark program ({@code jobqueue-bench}) on a queue of this run's
 * settings. The queue's merged settings are handed to the program in a temporary settings file, so
 * the built-in default and {@code --classpath} work as for every other command. Its exit codes are
 * kept: 0 fine, 1 a job was lost or ran twice, 2 a bad option, 3 the queue could not be used.
 */
@Command(name = "bench", description = "Measure a queue's throughput and latency with the benchmark program (the queue is FLUSHED).",
        footer = {"%nExit codes: 0 fine, 1 a job was lost or ran twice, 2 a bad option, 3 the queue could not be used.",
                "See docs/benchmarks.md for what each figure means."})
final class BenchCommand extends CliCommand {

    static final String DEFAULT_QUEUE = "bench";

    @Option(names = "--queue", paramLabel = "NAME",
            description = "queue to measure (default: ${DEFAULT-VALUE}, on the built-in default backend unless configured)")
    String queueName = DEFAULT_QUEUE;

    @Option(names = "--jobs", paramLabel = "N", description = "jobs per throughput measurement (default: the program's, 20000)")
    Integer jobs;

    @Option(names = "--workers", paramLabel = "W", description = "worker concurrency (default: the program's, 8)")
    Integer workers;

    @Option(names = "--rate", paramLabel = "R", description = "jobs/s submitted while measuring latency (default: the program's, 500)")
    Integer rate;

    @Option(names = "--seconds", paramLabel = "S", description = "seconds of submitting while measuring latency (default: the program's, 10)")
    Integer seconds;

    @Option(names = "--runs", paramLabel = "R", description = "measured runs, figures are their medians (default: the program's, 3)")
    Integer runs;

    @Option(names = "--warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "an unreported warm-up run first (default: on)")
    boolean warmup = true;

    @Override
    public Integer call() {
        Session session = session();
        if (queueName.equals(DEFAULT_QUEUE)) {
            session.addQueueIfMissing(DEFAULT_QUEUE);
        }
        QueueSettings settings = session.queueSettings(queueName);
        Path file = settingsFile(queueName, settings);
        try {
            List<String> args = new ArrayList<>(List.of("--config", file.toString(), "--queue", queueName));
            add(args, "--jobs", jobs);
            add(args, "--workers", workers);
            add(args, "--rate", rate);
            add(args, "--seconds", seconds);
            add(args, "--runs", runs);
            if (!warmup) {
                args.add("--no-warmup");
            }
            PrintWriter out = new PrintWriter(session.out(), true, StandardCharsets.UTF_8);
            PrintWriter err = new PrintWriter(session.err(), true, StandardCharsets.UTF_8);
            int code = BenchMain.run(out, err, args.toArray(String[]::new));
            out.flush();
            err.flush();
            return code;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file; the system cleans it up
            }
        }
    }

    private static void add(List<String> args, String option, Integer value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }

    /** A settings file with just this queue (preset already merged), for the program to read. */
    private static Path settingsFile(String queueName, QueueSettings settings) {
        QueueSettings own = settings.toBuilder().preset(null).build();
        Map<String, Object> root = Map.of("queues", Map.of(queueName, own.toMap()));
        try {
            Path file = Files.createTempFile("jobqueue-bench-", ".yaml");
            Files.writeString(file, Json.write(root)); // JSON is YAML
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's settings file", e);
        }
    }
}
