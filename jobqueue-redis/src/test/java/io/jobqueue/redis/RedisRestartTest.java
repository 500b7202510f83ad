package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Redis restart in the middle of a worker run: the test's own server (not the shared one) is
 * stopped while four jobs are in the middle of their work and the worker's fetcher waits for
 * more, then started again on the same port with its data; the worker reconnects and every job
 * runs at least once. And a worker that waits on an empty queue through a restart gets the jobs
 * submitted after it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RedisRestartTest {

    private static final int JOBS = 300;
    private static final int GATE_FROM = 150;

    @Test
    void worker_goesOnThroughARedisRestart_andRunsEveryJob() throws Exception {
        String name = Services.uniqueName("restart");
        try (PrivateRedisServer server = PrivateRedisServer.start();
             QueueManager queues = new QueueManager(JobQueueSettings.builder().queue(name, QueueSettings.builder()
                     .className("redis").option("port", server.port()).option("leaseTimeout", 2).build()).build())) {
            JobManager jobs = new JobManager(queues);
            jobs.queueAll(name, IntStream.range(0, JOBS).mapToObj(i -> new NumberedJob(name, i, GATE_FROM))
                    .collect(Collectors.toList()), SubmitOptions.DEFAULT);
            Worker worker = Worker.builder(jobs).queues(name).concurrency(4).build();
            CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);

            await("jobs held at the gate in the middle of their work").atMost(Duration.ofSeconds(60))
                    .until(() -> NumberedJob.waiting(name).get() >= 4);
            server.restart(() -> NumberedJob.openGate(name));

            Queue queue = queues.getQueue(name);
            await("every job to have run and every message to be finished").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> NumberedJob.done(name).size() == JOBS && queue.countReady() == 0
                            && queue.countReserved() == 0);
            worker.stop();
            WorkerStats stats = run.get(60, TimeUnit.SECONDS);

            assertThat(missing(name)).as("jobs that never ran").isEmpty();
            assertThat(stats.executed()).as("executions, a job run again after the outage included")
                    .isGreaterThanOrEqualTo(JOBS);
            assertThat(queue.countFailed()).isZero();
            queue.flush();
        }
    }

    @Test
    void waitingWorker_getsJobsSubmittedAfterARedisRestart() throws Exception {
        String name = Services.uniqueName("restart-idle");
        try (PrivateRedisServer server = PrivateRedisServer.start();
             QueueManager queues = new QueueManager(JobQueueSettings.builder().queue(name, QueueSettings.builder()
                     .className("redis").option("port", server.port()).build()).build())) {
            JobManager jobs = new JobManager(queues);
            Queue queue = queues.getQueue(name);
            Worker worker = Worker.builder(jobs).queues(name).concurrency(2).build();
            CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
            jobs.queue(name, new NumberedJob(name, 0, Integer.MAX_VALUE));
            await("the first job, before the restart").atMost(Duration.ofSeconds(30))
                    .until(() -> NumberedJob.done(name).contains(0));

            server.restart(() -> { });
            await("the queue to be usable again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> queue.countReady() == 0);
            for (int i = 1; i <= 5; i++) {
                jobs.queue(name, new NumberedJob(name, i, Integer.MAX_VALUE));
            }

            await("the jobs submitted after the restart").atMost(Duration.ofSeconds(60))
                    .until(() -> NumberedJob.done(name).size() == 6);
            worker.stop();
            run.get(60, TimeUnit.SECONDS);
            queue.flush();
        }
    }

    private static List<Integer> missing(String run) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            if (!NumberedJob.done(run).contains(i)) {
                missing.add(i);
            }
        }
        return missing;
    }
}
