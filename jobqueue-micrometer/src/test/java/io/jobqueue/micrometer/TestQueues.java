package io.jobqueue.micrometer;

import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import java.util.UUID;

/** Job managers over in-memory queues with a prefix of their own, so no two tests share a queue. */
final class TestQueues {

    private TestQueues() {
    }

    /**
     * A job manager over queues of the given backend ({@code memory} or {@code counting}), one
     * release allowed, at once ({@code releaseOptions: {delay: 0}}, no backoff).
     */
    static JobManager jobs(String className, String... queueNames) {
        String prefix = "mm-" + UUID.randomUUID() + "-";
        JobQueueSettings.Builder settings = JobQueueSettings.builder();
        for (String name : queueNames) {
            settings.queue(name, QueueSettings.builder().className(className).queueNamePrefix(prefix).maximumNumberOfReleases(1)
                    .releaseOption("delay", 0).build());
        }
        return new JobManager(new QueueManager(settings.build()));
    }

    /** The counting backend of a configured queue (built now if it was not). */
    static CountingBackend counting(JobManager jobs, String queueName) {
        return jobs.queueManager().getQueue(queueName).backend(CountingBackend.class).orElseThrow();
    }
}
