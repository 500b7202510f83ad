package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.QueueCounts;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short Redis outage while jobs are finishing loses no completion: the test's own server (with
 * its data fsynced to the append-only file, so it survives) is stopped for two seconds while a
 * worker runs 30 jobs, four at a time. The finishes of the jobs that end meanwhile fail, and the
 * worker's completer retries them until the server is back (well within the 15 s lease), so no
 * lease runs out and no job runs twice. A completer that gave up after a few quick tries would
 * leave those messages reserved until their leases ran out, and they would run again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RedisOutageTest {

    private static final int JOBS = 30;
    private static final long WORK_MILLIS = 300;
    private static final Duration OUTAGE = Duration.ofSeconds(2);

    @Test
    void jobsThatEndWhileRedisIsDown_areFinishedOnceItIsBack_andEveryJobRunsExactlyOnce() throws Exception {
        String name = Services.uniqueName("outage");
        try (PrivateRedisServer server = PrivateRedisServer.start();
             QueueManager queues = new QueueManager(JobQueueSettings.builder().queue(name, QueueSettings.builder()
                     .className("redis").option("port", server.port()).option("leaseTimeout", 15).build()).build())) {
            JobManager jobs = new JobManager(queues);
            jobs.queueAll(name, IntStream.range(0, JOBS).mapToObj(i -> new RunCountingJob(name, i, WORK_MILLIS)).toList(),
                    SubmitOptions.DEFAULT);
            Queue queue = queues.getQueue(name);
            Worker worker = Worker.builder(jobs).queues(name).concurrency(4).build();
            CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
            AtomicLong downFrom = new AtomicLong();
            AtomicLong downUntil = new AtomicLong();
            try {
                await("the first jobs to end").atMost(Duration.ofSeconds(30))
                        .until(() -> RunCountingJob.ends(name).size() >= 8);
                server.restart(() -> {
                    downFrom.set(System.nanoTime());
                    sleep(OUTAGE);
                    downUntil.set(System.nanoTime());
                });

                await("every job to have run and the queue to be empty").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> RunCountingJob.runs(name).size() == JOBS && queue.counts().equals(QueueCounts.EMPTY));
            } finally {
                worker.stop();
            }
            WorkerStats stats = run.get(60, TimeUnit.SECONDS);

            assertThat(RunCountingJob.ends(name)).as("jobs that ended while Redis was down")
                    .anyMatch(end -> end >= downFrom.get() && end <= downUntil.get());
            Map<Integer, AtomicInteger> runs = RunCountingJob.runs(name);
            assertThat(runs.keySet()).as("the jobs that ran").containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, JOBS).boxed().toList());
            assertThat(runs).as("runs of each job").allSatisfy((number, count) -> assertThat(count.get())
                    .as("runs of job %s", number).isEqualTo(1));
            assertThat(stats.executed()).isEqualTo(JOBS);
            assertThat(queue.counts()).isEqualTo(QueueCounts.EMPTY);
            queue.flush();
        }
    }

    /** Lets the outage last; nothing is measured. */
    private static void sleep(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(10)).until(() -> true);
    }
}
