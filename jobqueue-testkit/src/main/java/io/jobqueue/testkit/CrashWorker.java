package io.jobqueue.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueManager;
import io.jobqueue.Worker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The worker process of the crash test: {@code CrashWorker <settings.json> <queue> <concurrency> <prefetch>}
 * runs a worker over the queue until the test kills it.
 */
public final class CrashWorker {

    private CrashWorker() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws IOException {
        Map<String, Object> root = new ObjectMapper().readValue(Path.of(args[0]).toFile(), Map.class);
        try (QueueManager queues = new QueueManager(JobQueueSettings.fromMap(root, args[0]));
                Worker worker = Worker.builder(new JobManager(queues)).queues(args[1])
                        .concurrency(Integer.parseInt(args[2])).prefetch(Integer.parseInt(args[3])).build()) {
            worker.run();
        }
    }
}
