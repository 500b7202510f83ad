package io.jobqueue.cli;

import io.jobqueue.JobManager;
import io.jobqueue.Queue;
import io.jobqueue.RetryPolicy;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import io.jobqueue.cli.demo.DemoPlan;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jobqueue demo}: the main job end to end. Flushes its queue ({@code demo}, added on the
 * built-in default backend when not configured), submits N sample jobs of which about 1 in 100
 * fails once and 1 in 2,000 always fails, works them with a worker, shows progress, and ends with
 * a summary of what happened and where the data lives. {@code --submit-only} leaves the jobs for
 * {@code job:work}.
 */
@Command(name = "demo", description = "Submit sample jobs and work them: the whole cycle on the embedded default queue.",
        footer = {"%nThe queue is flushed first, so running the demo again starts afresh."})
final class DemoCommand extends CliCommand {

    static final String DEFAULT_QUEUE = "demo";
    /**
     * The fixed {@code releaseOptions.delay} of the demo's own queue (when not configured): a short
     * one, so the failing sample jobs do not keep the demo waiting for the default backoff.
     */
    static final double RETRY_DELAY_SECONDS = 0.1;
    private static final int SUBMIT_BATCH = 500;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long PLAIN_PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int BAR_WIDTH = 30;
    /** Short waits on the queue, so the worker notices at once that the demo is done. */
    private static final Duration POLL = Duration.ofMillis(200);

    @Spec
    CommandSpec spec;

    @Option(names = "--jobs", paramLabel = "N", description = "how many jobs (default: ${DEFAULT-VALUE})")
    int jobs = 10_000;

    @Option(names = "--concurrency", paramLabel = "N", description = "jobs run at once (default: ${DEFAULT-VALUE})")
    int concurrency = 4;

    @Option(names = "--queue", paramLabel = "NAME",
            description = "queue to use (default: ${DEFAULT-VALUE}, on the built-in default backend unless configured); it is flushed first")
    String queueName = DEFAULT_QUEUE;

    @Option(names = "--submit-only", description = "submit the jobs and leave them for 'jobqueue job:work'")
    boolean submitOnly;

    @Override
    public Integer call() {
        if (jobs < 1) {
            throw usage("--jobs must be at least 1, was " + jobs);
        }
        if (concurrency < 1) {
            throw usage("--concurrency must be at least 1, was " + concurrency);
        }
        Session session = session();
        Queue queue = queue(queueName);
        String backend = queue.capabilities().backend();
        String where = DataLocation.describe(session.queueSettings(queueName), backend);
        queue.setUp();
        queue.flush();
        DemoPlan plan = DemoPlan.of(jobs);
        session.out().printf(Locale.US, "Demo: %,d jobs on queue \"%s\" (backend %s)%n", jobs, queueName, backend);

        long submitStart = System.nanoTime();
        submit(session, plan);
        long submitNanos = System.nanoTime() - submitStart;
        session.out().printf(Locale.US, "Submitted %,d jobs in %s (%s jobs/s)%n", jobs,
                Durations.human(Duration.ofNanos(submitNanos)), Durations.rate(jobs, submitNanos));
        if (submitOnly) {
            session.out().println("Data: " + where);
            session.out().println("Work them with: jobqueue job:work " + queueName + " --concurrency " + concurrency);
            return JobQueueCli.EXIT_OK;
        }
        return work(session, plan, where);
    }

    private void submit(Session session, DemoPlan plan) {
        JobManager jobManager = session.jobs();
        AtomicLong submitted = new AtomicLong();
        long start = System.nanoTime();
        StatusLine progress = new StatusLine(session.out(), session.interactive(),
                () -> bar("Submitting", submitted.get(), start)).start();
        try {
            for (int from = 0; from < jobs; from += SUBMIT_BATCH) {
                int to = Math.min(jobs, from + SUBMIT_BATCH);
                jobManager.queueAll(queueName, plan.jobs(from, to), SubmitOptions.DEFAULT);
                submitted.set(to);
            }
        } finally {
            progress.close();
        }
    }

    private int work(Session session, DemoPlan plan, String where) {
        JobManager jobManager = session.jobs();
        Worker worker = Worker.builder(jobManager).queues(queueName).concurrency(concurrency)
                .gracePeriod(Duration.ofSeconds(10)).pollTimeout(POLL).stopOnSignals(true).build();
        session.out().printf(Locale.US, "Working them with %d worker thread%s…%n", concurrency, concurrency == 1 ? "" : "s");
        long start = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean stalled = new AtomicBoolean();
        StatusLine progress = new StatusLine(session.out(), session.interactive(),
                () -> bar("Working", ended(worker.stats()), start)).start();
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jobqueue-demo-monitor");
            thread.setDaemon(true);
            return thread;
        });
        long[] lastProgress = {start, -1, start};
        AtomicLong doneAt = new AtomicLong();
        monitor.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long ended = ended(worker.stats());
            if (ended >= jobs) {
                if (done.compareAndSet(false, true)) {
                    doneAt.set(now);
                }
                worker.stop();
                return;
            }
            if (ended != lastProgress[1]) {
                lastProgress[0] = now;
                lastProgress[1] = ended;
            } else if (now - lastProgress[0] > PATIENCE.toNanos()) {
                stalled.set(true);
                worker.stop();
            }
            if (!session.interactive() && now - lastProgress[2] >= PLAIN_PROGRESS_NANOS) {
                lastProgress[2] = now;
                progress.println(plainProgress(ended, start));
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        WorkerStats stats;
        try {
            stats = worker.run();
        } finally {
            monitor.shutdownNow();
            progress.close();
            worker.close();
        }
        long nanos = (done.get() ? doneAt.get() : System.nanoTime()) - start;
        long ended = ended(stats);
        session.out().println();
        session.out().printf(Locale.US, "Demo %s in %s%n", ended >= jobs ? "finished" : "stopped",
                Durations.human(Duration.ofNanos(nanos)));
        session.out().println();
        Table summary = Table.keyValue()
                .row("submitted", (long) jobs, "")
                .row("executed", stats.executed(), "tries, the released ones included")
                .row("succeeded", stats.succeeded(), "")
                .row("released", stats.released(), "failed, then tried again " + retries(session))
                .row("failed", stats.failed(), stats.failed() == 0 ? "" : "see: jobqueue job:failed " + queueName)
                .row("jobs/s", Durations.perSecond(ended, nanos), "");
        summary.print(session.out());
        session.out().println();
        session.out().println("Data: " + where);
        if (stalled.get()) {
            throw new CliException("only " + ended + " of " + jobs + " jobs came to an end; none did for "
                    + PATIENCE.toSeconds() + " seconds (are other workers on queue \"" + queueName + "\"?)");
        }
        if (!done.get() && ended < jobs) {
            session.out().println("Interrupted: " + (jobs - ended) + " jobs are left in queue \"" + queueName
                    + "\" for 'jobqueue job:work " + queueName + "'.");
        }
        return JobQueueCli.EXIT_OK;
    }

    /** When a failed job of the demo's queue is tried again, from its retry policy: "after 0.1 s". */
    private String retries(Session session) {
        RetryPolicy policy = session.queues().retryPolicy(queueName);
        if (policy.isFixed()) {
            return policy.initialDelay().isZero() ? "at once" : "after " + Durations.human(policy.initialDelay());
        }
        return "with backoff from " + Durations.human(policy.initialDelay());
    }

    /** Jobs that came to an end: succeeded, or failed for good. */
    private static long ended(WorkerStats stats) {
        return stats.succeeded() + stats.failed();
    }

    private String bar(String what, long count, long start) {
        int filled = (int) (BAR_WIDTH * count / jobs);
        return String.format(Locale.US, "%-10s [%s%s] %3d%%  %,d/%,d  %s jobs/s", what, "#".repeat(filled),
                "-".repeat(BAR_WIDTH - filled), 100 * count / jobs, count, jobs,
                Durations.rate(count, System.nanoTime() - start));
    }

    private String plainProgress(long count, long start) {
        return String.format(Locale.US, "%,d/%,d jobs done (%d%%), %s jobs/s", count, jobs, 100 * count / jobs,
                Durations.rate(count, System.nanoTime() - start));
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
