package io.jobqueue.cli;

import io.jobqueue.JobManager;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code job:work <queue>… [--exit-after S] [--limit N] [--concurrency N] [--prefetch N] [--wait-for-backend S]}:
 * runs a worker on one or more queues until {@code --limit} jobs were executed (failures count,
 * timeouts do not), {@code --exit-after} passed, or SIGTERM/SIGINT arrived; then it takes nothing
 * new, lets the running jobs finish and exits 0. On a terminal a status line shows the counts and
 * the rate.
 *
 * <p>Before it starts, every queue must be usable: its backend reachable and the queue set up. A
 * backend that fails is tried again, with backoff, for up to {@code --wait-for-backend} seconds
 * (default {@value #DEFAULT_WAIT_FOR_BACKEND_SECONDS}); then the command exits with
 * {@link JobQueueCli#EXIT_BACKEND} and one line naming the queue, where it lives and why. An
 * embedded SQLite file that does not exist fails at once (nothing else will create it). Once
 * running, the worker never exits on its own because of a backend: outages are retried.
 */
@Command(name = "job:work", description = "Work on one or more queues: reserve, run and finish their jobs.",
        footer = {"%nStops gracefully on SIGTERM or Ctrl-C (running jobs finish, exit code 0); a second signal exits at once."})
final class JobWorkCommand extends CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<queue>", description = "configured queue names (also comma-separated)")
    List<String> queues;

    @Option(names = "--exit-after", paramLabel = "S", description = "stop taking jobs after S seconds")
    Double exitAfter;

    @Option(names = "--limit", paramLabel = "N", description = "stop after N executed jobs, failures included")
    Long limit;

    @Option(names = "--concurrency", paramLabel = "N", description = "jobs run at once (default: worker.concurrency of the settings, else 1)")
    Integer concurrency;

    @Option(names = "--prefetch", paramLabel = "N", description = "messages reserved ahead of free job threads; 0 reserves only for idle"
            + " threads (default: worker.prefetch of the settings, else it adapts to the jobs, up to 128)")
    Integer prefetch;

    @Option(names = "--grace-period", paramLabel = "S", description = "how long running jobs may take to finish after a stop"
            + " (default: worker.gracePeriod of the settings, else 30)")
    Double gracePeriod;

    @Option(names = "--wait-for-backend", paramLabel = "S", description = "how long to wait at start for the queues' backends"
            + " to be reachable and set up before giving up with exit code 3; 0 gives up at the first failure (default: "
            + DEFAULT_WAIT_FOR_BACKEND_SECONDS + ")")
    Double waitForBackend;

    /**
     * How long {@code job:work} waits at start for its backends, unless {@code --wait-for-backend} or
     * the {@code worker: waitForBackend} setting says otherwise.
     */
    static final int DEFAULT_WAIT_FOR_BACKEND_SECONDS = 30;

    @Override
    public Integer call() {
        validate();
        List<String> names = queueNames();
        Session session = session();
        session.want(names);
        Duration configured = session.settings().worker().waitForBackend();
        Duration wait = waitForBackend != null ? seconds(waitForBackend)
                : configured != null ? configured : Duration.ofSeconds(DEFAULT_WAIT_FOR_BACKEND_SECONDS);
        new BackendWait(session, wait).awaitUsable(names);
        Map<String, String> configuredNames = backendNames(session, names);
        JobManager jobs = session.jobs();
        Worker.Builder builder = Worker.builder(jobs).queues(names).stopOnSignals(true);
        if (concurrency != null) {
            builder.concurrency(concurrency);
        }
        if (prefetch != null) {
            builder.prefetch(prefetch);
        }
        if (gracePeriod != null) {
            builder.gracePeriod(seconds(gracePeriod));
        }
        if (limit != null) {
            builder.limit(limit);
        }
        if (exitAfter != null) {
            builder.exitAfter(seconds(exitAfter));
        }
        boolean verbose = session.verbose();
        long start = System.nanoTime();
        Worker worker = builder.build();
        boolean leftBehind = false;
        try {
            RateMeter rate = new RateMeter();
            StatusLine lines = new StatusLine(session.out(), session.interactive(), () -> statusText(worker.stats(), rate)).start();
            WorkReporter reporter = new WorkReporter(jobs, configuredNames, verbose, lines);
            jobs.addListener(reporter);
            try {
                if (verbose) {
                    lines.println(watching(names));
                }
                // a stop is prompt even while a fetcher waits on a backend that is down (see PromptStop)
                java.util.Optional<WorkerStats> ran = PromptStop.run(worker);
                leftBehind = ran.isEmpty();
                WorkerStats stats = ran.orElseGet(worker::stats);
                lines.close();
                farewell(session, stats, start, verbose);
            } finally {
                jobs.removeListener(reporter);
                lines.close();
            }
        } finally {
            if (!leftBehind) {
                worker.close();
            }
        }
        return JobQueueCli.EXIT_OK;
    }

    private void validate() {
        if (concurrency != null && concurrency < 1) {
            throw usage("--concurrency must be at least 1, was " + concurrency);
        }
        if (prefetch != null && prefetch < 0) {
            throw usage("--prefetch must not be negative, was " + prefetch);
        }
        if (limit != null && limit < 1) {
            throw usage("--limit must be at least 1, was " + limit);
        }
        checkSeconds("--exit-after", exitAfter);
        checkSeconds("--grace-period", gracePeriod);
        checkSeconds("--wait-for-backend", waitForBackend);
    }

    private List<String> queueNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String argument : queues) {
            for (String part : argument.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        }
        if (names.isEmpty()) {
            throw usage("give at least one queue name");
        }
        return new ArrayList<>(names);
    }

    private String watching(List<String> names) {
        String quoted = String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
        return "Watching queue" + (names.size() > 1 ? "s " : " ") + quoted
                + (exitAfter == null ? "" : " for " + number(exitAfter) + " seconds") + "...";
    }

    private void farewell(Session session, WorkerStats stats, long start, boolean verbose) {
        long seconds = Math.round((System.nanoTime() - start) / 1e9);
        WorkerStats.StopReason reason = stats.stopReason();
        if (reason == WorkerStats.StopReason.STOPPED) {
            session.out().println("Quitting after " + seconds + " seconds due to received interruption ("
                    + summary(stats) + ")");
        } else if (verbose && reason == WorkerStats.StopReason.LIMIT) {
            session.out().println("Quitting after " + stats.executed() + " executed job" + (stats.executed() > 1 ? "s" : "")
                    + " due to --limit flag");
        } else if (verbose && reason == WorkerStats.StopReason.EXIT_AFTER) {
            session.out().println("Quitting after " + seconds + " seconds due to --exit-after flag");
        }
        session.out().flush();
    }

    private static Map<String, String> backendNames(Session session, List<String> names) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : names) {
            map.put(session.queue(name).name(), name);
        }
        return map;
    }

    private static String statusText(WorkerStats stats, RateMeter rate) {
        Number perSecond = rate.sample(stats.executed());
        return summary(stats) + " · " + (perSecond == null ? "–" : Table.format(perSecond)) + " jobs/s";
    }

    private static String summary(WorkerStats stats) {
        return String.format(Locale.US, "executed %,d · succeeded %,d · released %,d · failed %,d",
                stats.executed(), stats.succeeded(), stats.released(), stats.failed());
    }

    /** The longest number of seconds an option takes: about 31 years, far below what a Duration in milliseconds holds. */
    private static final double MOST_SECONDS = 1e9;

    /** Refuses NaN, infinities, negative and absurdly large seconds with one line naming the option and the value. */
    private void checkSeconds(String option, Double value) {
        if (value != null && !(value >= 0 && value <= MOST_SECONDS)) {
            throw usage(option + " must be a number of seconds from 0 to 1000000000, was " + value);
        }
    }

    static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
