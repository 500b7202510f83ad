package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Job;
import io.jobqueue.JobManager;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path: settings with {@code className: jdbc}, the job manager, and a worker. */
class WorkerOnJdbcTest {

    static final Set<String> EXECUTED = ConcurrentHashMap.newKeySet();

    @TempDir
    Path folder;

    @Test
    void jobsQueuedThroughSettingsWithTheJdbcAlias_areRunByAWorker() throws Exception {
        Path config = folder.resolve("jobqueue.yaml");
        Files.writeString(config, """
                queues:
                  mail:
                    className: jdbc
                    queueNamePrefix: test-
                    options:
                      path: %s
                      pollInterval: 0.1
                """.formatted(folder.resolve("db/jobqueue.db")));
        try (QueueManager queues = QueueManager.fromYaml(config)) {
            Queue queue = queues.getQueue("mail");
            assertThat(queue.backend(JdbcBackend.class)).isPresent();
            assertThat(TestDatabases.table(queue)).matches("jobqueue_messages_test_mail__[0-9a-f]{12}");
            queue.setUp();
            JobManager jobs = new JobManager(queues);
            jobs.queue("mail", new RecordingJob("first"));
            jobs.queue("mail", new RecordingJob("second"));

            try (Worker worker = Worker.builder(jobs).queues("mail").concurrency(2).limit(2).build()) {
                WorkerStats stats = worker.run();
                assertThat(stats.succeeded()).isEqualTo(2);
            }
            assertThat(EXECUTED).containsExactlyInAnyOrder("first", "second");
            assertThat(queue.countReady() + queue.countReserved() + queue.countFailed()).isZero();
        }
    }

    /** A job that records its name. */
    public static final class RecordingJob implements Job {
        public String name;

        public RecordingJob() {
        }

        RecordingJob(String name) {
            this.name = name;
        }

        @Override
        public boolean execute(Queue queue, Message message) {
            return EXECUTED.add(name);
        }
    }
}
