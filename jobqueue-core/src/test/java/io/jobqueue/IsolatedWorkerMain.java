package io.jobqueue;

import io.jobqueue.testjobs.PidThenHangJob;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker process for {@link IsolatedWorkerSignalTest}: queues one isolated job that writes its
 * child's pid to the file named by the first argument and never returns, then works with a grace
 * period of the second argument's milliseconds and prints its stats when it returns.
 */
public final class IsolatedWorkerMain {

    private IsolatedWorkerMain() {
    }

    public static void main(String[] args) {
        QueueManager queues = new QueueManager(JobQueueSettings.builder()
                .queue("isolated", QueueSettings.builder().className("memory").executeIsolated(true)
                        .releaseOption("delay", 0).build()).build()); // the killed job is ready again at once
        JobManager jobs = new JobManager(queues);
        jobs.queue("isolated", new PidThenHangJob(Path.of(args[0])));
        WorkerStats stats = Worker.builder(jobs).queues("isolated").stopOnSignals(true)
                .gracePeriod(Duration.ofMillis(Long.parseLong(args[1]))).build().run();
        System.out.println("stopped " + stats);
        System.out.println("ready " + queues.getQueue("isolated").countReady());
    }
}
