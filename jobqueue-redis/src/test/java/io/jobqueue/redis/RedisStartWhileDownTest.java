package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.jobqueue.BackendException;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Redis queue built while its server is down is built all the same: each call tries to connect
 * and fails with a {@link BackendException} naming the queue and the server until the server is up,
 * so a worker started before Redis waits and retries (as with the other backends) instead of
 * failing its start; a server of the test's own on a port that is free at first.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisStartWhileDownTest {

    @Test
    void aQueueBuiltWhileTheServerIsDown_failsEachCall_untilTheServerIsUp_andThenWorks() throws Exception {
        int port = PrivateRedisServer.freeClusterPort();
        String name = Services.uniqueName("start-down");
        try (Queue queue = Queue.open(new RedisQueueFactory(), name, Map.of("port", port))) {
            Throwable error = catchThrowable(queue::setUp);
            assertThat(error).isInstanceOf(BackendException.class).hasMessageContaining("'" + name + "'")
                    .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("cannot be reached");
            assertThat(catchThrowable(() -> queue.submit("too early"))).as("a submit while down")
                    .isInstanceOf(BackendException.class);

            try (PrivateRedisServer server = PrivateRedisServer.start(port)) {
                queue.setUp();
                String id = queue.submit("payload");
                assertThat(queue.waitAndTake(Duration.ZERO)).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(id));
                queue.flush();
            }
        }
    }

    @Test
    void aWorkerStartedWhileRedisIsDown_waits_andRunsTheJobsOnceItIsUp() throws Exception {
        int port = PrivateRedisServer.freeClusterPort();
        String name = Services.uniqueName("start-down-worker");
        try (QueueManager queues = new QueueManager(JobQueueSettings.builder().queue(name, QueueSettings.builder()
                .className("redis").option("port", port).build()).build())) {
            JobManager jobs = new JobManager(queues);
            Worker worker = Worker.builder(jobs).queues(name).concurrency(2).build();
            CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
            await("the worker trying while Redis is down").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> !run.isDone());

            try (PrivateRedisServer server = PrivateRedisServer.start(port)) {
                for (int i = 0; i < 3; i++) {
                    jobs.queue(name, new NumberedJob(name, i, Integer.MAX_VALUE));
                }
                await("the jobs submitted once Redis is up").atMost(Duration.ofSeconds(60))
                        .until(() -> NumberedJob.done(name).size() == 3);
                worker.stop();
                run.get(60, TimeUnit.SECONDS);
                queues.getQueue(name).flush();
            }
        }
    }
}
