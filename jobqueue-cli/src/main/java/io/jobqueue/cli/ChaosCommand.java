package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.Queue;
import io.jobqueue.QueueSettings;
import io.jobqueue.cli.chaos.ChaosPlan;
import io.jobqueue.cli.chaos.ChaosReport;
import io.jobqueue.cli.chaos.ChaosRun;
import io.jobqueue.cli.chaos.ChaosSetupException;
import io.jobqueue.cli.chaos.PrivateServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jobqueue chaos}: shows that a queue loses nothing when its workers die. Starts worker
 * processes (child JVMs) on a queue — one of the settings, or with {@code --engine} one on a server
 * it starts itself — submits numbered jobs whose every execution the workers record outside the
 * backend, SIGKILLs a random worker every {@code --kill-every} and starts a replacement, restarts
 * the private server with {@code --restart-server}, and reports lost jobs, duplicates and what
 * explains each, the most holders of one message at once and the time from a kill to the re-run.
 * Exit code {@link #EXIT_CHECK_FAILED} when a check failed. The queue is flushed first.
 */
@Command(name = "chaos", description = "Kill worker processes (and restart the server) while they work, and check that no job is lost (the queue is FLUSHED).",
        footer = {"%nWith --engine it starts a server of its own on a free port (redis, beanstalkd, postgres, mariadb) or uses a"
                + " SQLite file; without, it runs on --queue of the settings (default 'chaos', on the built-in default).",
                "Exit codes: 0 every check passed, 4 a check failed (a job lost, a message held twice at once, an unexplained"
                        + " duplicate, the timeout), 1 an error, 2 a bad command line, 3 the queue or a server could not be used.",
                "See docs/reliability.md."})
final class ChaosCommand extends CliCommand {

    /** Exit code of a run whose checks failed: a job lost, two holders at once, an unexplained duplicate, or the timeout. */
    static final int EXIT_CHECK_FAILED = 4;
    static final String DEFAULT_QUEUE = "chaos";

    @Spec
    CommandSpec spec;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "run on a private server of this engine: " + PrivateServer.ENGINES + " (instead of the settings)")
    String engine;

    @Option(names = "--queue", paramLabel = "NAME",
            description = "queue to use (default: ${DEFAULT-VALUE}; on the built-in default backend unless configured); it is flushed first")
    String queueName = DEFAULT_QUEUE;

    @Option(names = "--jobs", paramLabel = "N", description = "jobs to submit (default: ${DEFAULT-VALUE})")
    int jobs = 2_000;

    @Option(names = "--workers", paramLabel = "K", description = "worker processes at once (default: ${DEFAULT-VALUE})")
    int workers = 3;

    @Option(names = "--concurrency", paramLabel = "N", description = "jobs each worker runs at once (default: ${DEFAULT-VALUE})")
    int concurrency = 4;

    @Option(names = "--job-time", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how long each job works (default: 10ms)")
    Duration jobTime = Duration.ofMillis(10);

    @Option(names = "--kill-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "SIGKILL a random worker and start a replacement this often (default: 3s)")
    Duration killEvery = Duration.ofSeconds(3);

    @Option(names = "--lease", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "the queue's leaseTimeout for the run (default: 2s)")
    Duration lease = Duration.ofSeconds(2);

    @Option(names = "--restart-server", description = "also kill and restart the private server (needs --engine redis, beanstalkd, postgres or mariadb)")
    boolean restartServer;

    @Option(names = "--restart-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "with --restart-server: how often (default: 10s; the first once a quarter of the jobs finished)")
    Duration restartEvery = Duration.ofSeconds(10);

    @Option(names = "--down-time", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "with --restart-server: how long the server stays down (default: 1s)")
    Duration downTime = Duration.ofSeconds(1);

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "give up and fail after this long (default: 5m)")
    Duration timeout = Duration.ofMinutes(5);

    @Option(names = "--seed", paramLabel = "N", description = "seed of the choice of workers to kill (default: random, printed)")
    Long seed;

    @Option(names = "--keep", description = "keep the run's folder (records, logs, server data); it is always kept when a check fails")
    boolean keep;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        Session session = session();
        // a configured queue is checked before anything is created, so a refusal leaves nothing behind
        Map<String, Object> settings = engine == null ? configuredQueue(session) : null;
        String classPath = engine == null
                ? System.getProperty(UserClassPath.ISOLATED_CLASS_PATH, System.getProperty("java.class.path"))
                : System.getProperty("java.class.path");
        Path folder = Files.createTempDirectory("jobqueue-chaos-");
        AtomicReference<PrivateServer> serverToStop = new AtomicReference<>();
        AtomicReference<ChaosRun> runToStop = new AtomicReference<>();
        Thread cleanup = shutdownHook(runToStop, serverToStop); // Ctrl-C stops the workers and the server too
        PrivateServer server = null;
        boolean passed = false;
        try {
            if (engine != null) {
                server = startServer(folder);
                serverToStop.set(server);
                settings = new LinkedHashMap<>(Map.of("className", server.className(), "options", server.options()));
            }
            settings.put("options", withLease(settings.get("options")));
            ChaosPlan plan = new ChaosPlan(queueName, settings, lease, jobs, workers, concurrency, jobTime, killEvery,
                    restartServer ? restartEvery : null, downTime, timeout, seed != null ? seed : ThreadLocalRandom.current().nextLong(),
                    classPath);
            String where = engine != null ? server.describe()
                    : DataLocation.describe(session.queueSettings(queueName), String.valueOf(settings.get("className")));
            ChaosRun run = new ChaosRun(plan, server, where, folder, session.err());
            runToStop.set(run);
            ChaosOutput output = new ChaosOutput(session.out());
            if (!json) {
                output.header(plan, where);
            }
            ChaosReport report;
            try {
                report = run.run();
            } catch (ChaosSetupException e) {
                throw new CliException(e.getMessage(), JobQueueCli.EXIT_BACKEND, e);
            }
            if (json) {
                Json.print(session.out(), output.toMap(report));
            } else {
                output.print(report);
            }
            passed = report.passed();
            if (!passed) {
                throw new CliException("the chaos run failed: " + String.join("; ", report.failures()), EXIT_CHECK_FAILED, null);
            }
            return JobQueueCli.EXIT_OK;
        } finally {
            stop(runToStop, serverToStop);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs anyway
            }
            if (passed && !keep) {
                deleteQuietly(folder);
            } else {
                session.err().println("chaos: records, logs and server data are kept in " + folder);
            }
        }
    }

    private void checkOptions() {
        if (jobs < 1 || workers < 1 || concurrency < 1) {
            throw usage("--jobs, --workers and --concurrency must be at least 1");
        }
        if (engine != null && root.config != null) {
            throw usage("give --engine or --config, not both: --engine runs on a server of its own");
        }
        if (engine != null && !engine.toLowerCase(Locale.ROOT).matches("redis|beanstalkd|postgres|postgresql|sqlite|mariadb")) {
            throw usage("unknown engine '" + engine + "' (one of: " + PrivateServer.ENGINES + ")");
        }
        if (restartServer && (engine == null || engine.toLowerCase(Locale.ROOT).equals("sqlite"))) {
            throw usage("--restart-server restarts only a server the run starts itself: use it with --engine redis, beanstalkd,"
                    + " postgres or mariadb"
                    + (engine == null ? "" : " (" + engine.toLowerCase(Locale.ROOT) + " is not restarted)"));
        }
        for (Map.Entry<String, Duration> option : Map.of("--kill-every", killEvery, "--restart-every", restartEvery,
                "--timeout", timeout).entrySet()) {
            if (option.getValue().isZero()) {
                throw usage(option.getKey() + " must be above 0");
            }
        }
        if (lease.compareTo(Duration.ofMillis(100)) < 0) {
            throw usage("--lease must be at least 100 ms, was " + Durations.human(lease));
        }
    }

    private PrivateServer startServer(Path folder) {
        try {
            return PrivateServer.start(engine, folder);
        } catch (ChaosSetupException e) {
            throw new CliException("cannot start the private " + engine + " server: " + e.getMessage(), JobQueueCli.EXIT_BACKEND, e);
        }
    }

    /** The configured queue's settings, preset merged, refused when its workers could not share it. */
    private Map<String, Object> configuredQueue(Session session) {
        if (queueName.equals(DEFAULT_QUEUE)) {
            session.addQueueIfMissing(DEFAULT_QUEUE);
        }
        Queue queue = queue(queueName);
        if (!queue.capabilities().has(Capability.CROSS_PROCESS)) {
            throw new CliException("queue '" + queueName + "' is on the " + queue.capabilities().backend()
                    + " backend, which lives in one process: the chaos run's workers are other processes and would not see its"
                    + " messages; use a queue on SQLite or a server, or --engine");
        }
        require(Capability.RESERVE, queue, "a chaos run");
        QueueSettings own = session.queueSettings(queueName).toBuilder().preset(null).build();
        return new LinkedHashMap<>(own.toMap());
    }

    /** The backend options with the run's lease ({@code ttr}, beanstalkd's other name for it, removed). */
    private Map<String, Object> withLease(Object options) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (options instanceof Map<?, ?> given) {
            given.forEach((key, value) -> map.put(String.valueOf(key), value));
        }
        map.remove("ttr");
        map.put("leaseTimeout", lease.toMillis() / 1000.0);
        return map;
    }

    private static Thread shutdownHook(AtomicReference<ChaosRun> run, AtomicReference<PrivateServer> server) {
        Thread hook = new Thread(() -> stop(run, server), "jobqueue-chaos-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Kills the worker processes, then stops the server; both are idempotent. */
    private static void stop(AtomicReference<ChaosRun> run, AtomicReference<PrivateServer> server) {
        if (run.get() != null) {
            run.get().close();
        }
        if (server.get() != null) {
            server.get().close();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system cleans it up
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Reads "250ms", "3s", "5m", "1h" or a bare number of seconds ("2", "0.5"). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.trim());
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (say 500ms, 3s, 5m or 1h)");
            }
            double number = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> number;
                case "s" -> number * 1_000;
                case "m", "min" -> number * 60_000;
                default -> number * 3_600_000;
            };
            return Duration.ofMillis(Math.round(millis));
        }
    }
}
