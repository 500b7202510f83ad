package io.jobqueue.cli.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobqueue.Capability;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.QueueCounts;
import io.jobqueue.QueueManager;
import io.jobqueue.SubmitOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One chaos run: flushes the queue, starts the worker processes, submits the jobs, then — until
 * every job has run to its end and the queue is empty, or the timeout — SIGKILLs a random worker
 * every {@code killEvery} and starts a replacement, restarts the private server when asked, and
 * prints a progress line every 2 s. Then it stops the workers gracefully and analyses the records.
 * The caller owns the folder, the server and (through {@link #close()}, also from a shutdown hook)
 * the cleanup of the worker processes.
 */
public final class ChaosRun implements AutoCloseable {

    private static final int SUBMIT_BATCH = 1_000;
    private static final long TICK_MILLIS = 100;
    private static final long PROGRESS_NANOS = 2_000_000_000L;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ChaosPlan plan;
    private final PrivateServer server;
    private final String where;
    private final Path folder;
    private final PrintStream progress;
    private final WorkerPool pool;
    private final Path settingsFile;

    /**
     * @param server   the private server to restart, or null (no restarts)
     * @param where    where the queue lives, for the report
     * @param folder   an empty folder of the run's own
     * @param progress where progress lines go (stderr)
     */
    public ChaosRun(ChaosPlan plan, PrivateServer server, String where, Path folder, PrintStream progress) {
        if (plan.restartEvery() != null && (server == null || !server.canRestart())) {
            throw new IllegalArgumentException("restarts need a private server that can be restarted");
        }
        this.plan = plan;
        this.server = server;
        this.where = where;
        this.folder = folder;
        this.progress = progress;
        this.settingsFile = folder.resolve("settings.json");
        this.pool = new WorkerPool(folder, settingsFile, plan.queueName(), plan.concurrency(), plan.classPath());
    }

    /**
     * Runs it.
     *
     * @throws JobQueueException    when the queue cannot be used (unreachable, not its own, cannot reserve across processes)
     * @throws ChaosSetupException  when a worker process or the server cannot be (re)started, or a worker exits
     *                              although nobody killed it
     */
    public ChaosReport run() {
        Map<String, Object> root = Map.of("queues", Map.of(plan.queueName(), plan.queueSettings()));
        try {
            new ObjectMapper().writeValue(settingsFile.toFile(), root); // JSON is YAML, as the workers read it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + settingsFile, e);
        }
        try (QueueManager queues = new QueueManager(JobQueueSettings.fromMap(root, "the chaos run"))) {
            Queue queue = queues.getQueue(plan.queueName());
            queue.capabilities().require(Capability.CROSS_PROCESS, plan.queueName(), "a chaos run (its workers are other processes)");
            queue.capabilities().require(Capability.RESERVE, plan.queueName(), "a chaos run");
            queue.setUp();
            queue.flush();
            for (int i = 0; i < plan.workers(); i++) {
                pool.start();
            }
            long submitStart = RunRecorder.now();
            submit(new JobManager(queues));
            long start = RunRecorder.now();
            return watch(queue, submitStart, start);
        } finally {
            pool.close();
        }
    }

    private void submit(JobManager jobs) {
        int millis = (int) plan.jobTime().toMillis();
        for (int from = 1; from <= plan.jobs(); from += SUBMIT_BATCH) {
            List<ChaosJob> batch = new ArrayList<>();
            for (int n = from; n < from + SUBMIT_BATCH && n <= plan.jobs(); n++) {
                batch.add(new ChaosJob(n, millis));
            }
            jobs.queueAll(plan.queueName(), batch, SubmitOptions.DEFAULT);
        }
    }

    private ChaosReport watch(Queue queue, long submitStart, long start) {
        RunRecords records = new RunRecords(folder);
        Random random = new Random(plan.seed());
        List<Kill> kills = new ArrayList<>();
        List<Restart> restarts = new ArrayList<>();
        long deadline = start + plan.timeout().toNanos();
        long nextKill = start + plan.killEvery().toNanos();
        long nextRestart = plan.restartEvery() == null ? Long.MAX_VALUE : start + plan.restartEvery().toNanos();
        long nextProgress = start + PROGRESS_NANOS;
        long doneAt = 0;
        boolean timedOut = false;
        QueueCounts counts = null;
        while (true) {
            long now = RunRecorder.now();
            List<String> exited = pool.exitedOnTheirOwn();
            if (!exited.isEmpty()) {
                throw new ChaosSetupException(exited.get(0) + "; nobody killed it, so the run cannot go on");
            }
            int finished = records.poll().finishedJobs();
            if (finished >= plan.jobs()) {
                counts = counts(queue);
                if (counts != null && drained(queue, counts)) {
                    doneAt = doneAt == 0 ? now : doneAt;
                    break;
                }
            } else {
                if (now >= nextKill) {
                    kills.add(pool.killOne(random));
                    pool.start();
                    nextKill = now + plan.killEvery().toNanos();
                }
                if (plan.restartEvery() != null && (now >= nextRestart || restarts.isEmpty() && finished >= plan.jobs() / 4)) {
                    restarts.add(server.restart(plan.downTime()));
                    nextRestart = RunRecorder.now() + plan.restartEvery().toNanos();
                }
            }
            if (now >= deadline) {
                timedOut = true;
                counts = counts(queue);
                break;
            }
            if (now >= nextProgress) {
                progress.printf(Locale.US, "chaos: %,d/%,d jobs finished · %d kill%s · %d restart%s · %d s%n", finished, plan.jobs(),
                        kills.size(), kills.size() == 1 ? "" : "s", restarts.size(), restarts.size() == 1 ? "" : "s",
                        (now - start) / 1_000_000_000L);
                nextProgress = now + PROGRESS_NANOS;
            }
            ProcessServer.sleep(Duration.ofMillis(TICK_MILLIS));
        }
        long end = timedOut ? RunRecorder.now() : doneAt;
        pool.stopAll(STOP_GRACE);
        long readAt = RunRecorder.now();
        records.poll();
        ChaosFigures figures = new ChaosAnalysis(plan.finishWindow().toNanos())
                .analyze(plan.jobs(), records.runs(), kills, restarts, readAt);
        return new ChaosReport(queue.capabilities().backend(), where, plan, figures, kills,
                restarts, pool.started(), Duration.ofNanos(end - submitStart), Duration.ofNanos(start - submitStart), timedOut,
                counts, folder);
    }

    /** Nothing is left to run: no message ready, delayed or reserved (where the backend can count them). */
    private static boolean drained(Queue queue, QueueCounts counts) {
        boolean reservedKnown = queue.capabilities().has(Capability.COUNT_RESERVED);
        return counts.ready() == 0 && counts.delayed() == 0 && (!reservedKnown || counts.reserved() == 0);
    }

    /** The queue's counts, or null while its backend does not answer (a restart). */
    private static QueueCounts counts(Queue queue) {
        try {
            return queue.counts();
        } catch (JobQueueException e) {
            return null;
        }
    }

    /** Kills every worker process still running; idempotent, safe from a shutdown hook. */
    @Override
    public void close() {
        pool.close();
    }
}
