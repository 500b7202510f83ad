package io.jobqueue.bench;

import io.jobqueue.JobManager;
import io.jobqueue.QueueManager;
import io.jobqueue.Worker;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker process of {@link StartsCheck}: {@code <config> <queue> <concurrency>}; works the queue
 * until its standard input closes (the parent ends it that way, or by killing it).
 */
public final class StampWorkerMain {

    private StampWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        try (QueueManager queues = QueueManager.fromYaml(Path.of(args[0]))) {
            JobManager jobs = new JobManager(queues);
            jobs.serializer().deserialize(jobs.serializer().serialize(new StampJob(-1))); // warm the reading of jobs
            queues.getQueue(args[1]).counts(); // and the connection
            Worker worker = Worker.builder(jobs).queues(args[1]).concurrency(Integer.parseInt(args[2]))
                    .pollTimeout(Duration.ofMillis(500)).gracePeriod(Duration.ofSeconds(5)).build();
            Thread stopper = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the parent writes nothing; end of input means stop
                    }
                } catch (java.io.IOException ignored) {
                    // a broken pipe means the parent is gone: stop as well
                }
                worker.close();
            }, "stamp-worker-stopper");
            stopper.setDaemon(true);
            stopper.start();
            System.out.println("ready");
            System.out.flush();
            worker.run();
        }
    }
}
