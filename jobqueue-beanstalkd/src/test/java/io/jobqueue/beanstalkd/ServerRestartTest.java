package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import io.jobqueue.testkit.Services;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private beanstalkd with a binlog is killed and started again while a worker waits on it and
 * holds four running jobs: the worker reconnects (with backoff) and every job is done in the end.
 */
class ServerRestartTest {

    private static final int JOBS = 60;
    private static final int GATED_FROM = 20;

    @Test
    void aWorker_survivesAServerRestart_andFinishesEveryJob(@TempDir Path binlog) throws Exception {
        String name = Services.uniqueName("restart");
        try (BeanstalkdServer server = BeanstalkdServer.start("-b", binlog.toString());
                QueueManager queues = new QueueManager(JobQueueSettings.builder()
                        .queue(name, QueueSettings.builder().className("beanstalkd").option("port", server.port()).build())
                        .build())) {
            JobManager jobs = new JobManager(queues);
            jobs.queueAll(name, IntStream.range(0, JOBS).mapToObj(i -> new GatedJob(name, i, GATED_FROM)).toList(),
                    SubmitOptions.DEFAULT);
            Worker worker = Worker.builder(jobs).queues(name).concurrency(4).pollTimeout(Duration.ofSeconds(1)).build();
            CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
            try {
                await("the first jobs done and four waiting at the gate").atMost(Duration.ofSeconds(30))
                        .until(() -> GatedJob.done(name).size() >= GATED_FROM && GatedJob.waiting(name) >= 4);

                server.killAndRestart();
                GatedJob.open(name);

                await("every job done after the restart").atMost(Duration.ofSeconds(60))
                        .until(() -> GatedJob.done(name).size() == JOBS);
                await("the queue to be empty").atMost(Duration.ofSeconds(30))
                        .until(() -> queues.getQueue(name).countReady() + queues.getQueue(name).countReserved() == 0);
            } finally {
                GatedJob.open(name);
                worker.stop();
            }
            WorkerStats stats = run.get(60, TimeUnit.SECONDS);
            assertThat(stats.executed()).as("jobs held during the restart may run twice").isGreaterThanOrEqualTo(JOBS);
            List<Integer> expected = new ArrayList<>(IntStream.range(0, JOBS).boxed().toList());
            assertThat(GatedJob.done(name)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
