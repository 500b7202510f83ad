package io.jobqueue.cli.chaos;

import io.jobqueue.BackendException;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueManager;
import io.jobqueue.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A worker process of {@code jobqueue chaos}:
 * {@code ChaosWorkerMain <settings file> <queue> <concurrency> <record file> <parent pid>}. Runs a
 * worker over the queue, recording every {@link ChaosJob} execution, until SIGTERM (a graceful stop)
 * or SIGKILL. It waits up to a minute for a backend that cannot be reached at its start (the
 * private server may be restarting), and halts by itself when the parent process is gone, so a
 * parent that was killed leaves no workers behind.
 */
public final class ChaosWorkerMain {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration BACKEND_PATIENCE = Duration.ofSeconds(60);
    private static final Duration RETRY = Duration.ofMillis(200);

    private ChaosWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ChaosWorkerMain <settings file> <queue> <concurrency> <record file> <parent pid>");
            System.exit(2);
        }
        watchParent(Long.parseLong(args[4]));
        JobQueueSettings settings = JobQueueSettings.fromYaml(Path.of(args[0]));
        try (RunRecorder recorder = RunRecorder.install(Path.of(args[3]));
                QueueManager queues = new QueueManager(settings);
                Worker worker = build(Worker.builder(new JobManager(queues).addListener(recorder)).queues(args[1])
                        .concurrency(Integer.parseInt(args[2])).pollTimeout(POLL).gracePeriod(GRACE).stopOnSignals(true))) {
            worker.run();
        }
    }

    /**
     * Builds the worker, which opens its queue; a replacement may start while the server is being
     * restarted, so an unreachable backend is tried again for up to {@link #BACKEND_PATIENCE}.
     */
    private static Worker build(Worker.Builder builder) throws InterruptedException {
        long deadline = System.nanoTime() + BACKEND_PATIENCE.toNanos();
        while (true) {
            try {
                return builder.build();
            } catch (BackendException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY.toMillis());
            }
        }
    }

    private static void watchParent(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        Thread watcher = new Thread(() -> {
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(3);
        }, "chaos-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
