package io.jobqueue;

import io.jobqueue.testjobs.RecordingJob;
import java.time.Duration;

/**
 * A worker process for {@link WorkerSignalTest}: queues a slow job and a quick one, prints
 * "running" when the first starts, and prints the worker's stats when it returns.
 */
public final class WorkerSignalMain {

    private WorkerSignalMain() {
    }

    public static void main(String[] args) {
        QueueManager queues = new QueueManager(JobQueueSettings.builder().queue("signal", "memory").build());
        JobManager jobs = new JobManager(queues);
        jobs.addListener(new JobListener() {
            @Override
            public void messageReserved(Queue queue, Message message) {
                System.out.println("running " + message.id());
                System.out.flush();
            }
        });
        jobs.queue("signal", new SlowJob());
        jobs.queue("signal", new RecordingJob("signal", "second"));
        WorkerStats stats = Worker.builder(jobs).queues("signal").concurrency(1).prefetch(0).stopOnSignals(true)
                .gracePeriod(Duration.ofSeconds(20)).build().run();
        System.out.println("stopped " + stats);
        System.out.println("ready " + queues.getQueue("signal").countReady());
    }

    /** Runs for about a second, long enough for the signal to arrive while it runs. */
    public static final class SlowJob implements Job {
        @Override
        public boolean execute(Queue queue, Message message) throws InterruptedException {
            Thread.sleep(1500);
            return true;
        }
    }
}
