package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.testjobs.BlockingJob;
import io.jobqueue.testjobs.PidThenHangJob;
import io.jobqueue.testjobs.Recorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker that loses the lease of a message whose job runs isolated stops the child at once and
 * leaves the message alone: neither finished, released nor aborted by this worker. The lease is
 * lost when the backend says it no longer holds it, or when renewals failed for longer than a lease.
 */
class LeaseLossTest {

    private final String name = "lease-" + UUID.randomUUID();
    private QueueManager queues;
    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws Exception {
        PidThenHangJob.killLeftover(dir.resolve("pid"));
        queues.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"the backend says it is not held", "renewals fail for longer than the lease"})
    void leaseLost_killsTheIsolatedChild_andTheWorkerLeavesTheMessageAlone(String how) throws Exception {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, QueueSettings.builder()
                .className("lease-losing").executeIsolated(true).option("leaseTimeout", 3).build()).build());
        JobManager jobs = new JobManager(queues);
        Path pidFile = dir.resolve("pid");
        String id = jobs.queue(name, new PidThenHangJob(pidFile));
        Worker worker = Worker.builder(jobs).queues(name).gracePeriod(Duration.ofSeconds(20)).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> PidThenHangJob.pidIn(pidFile) != 0 || run.isDone());
            long child = PidThenHangJob.pidIn(pidFile);
            assertThat(child).as("the child wrote its pid").isNotZero();

            if (how.startsWith("the backend")) {
                LeaseLosingQueueFactory.lose(name);
            } else {
                LeaseLosingQueueFactory.fail(name);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> !PidThenHangJob.alive(child));
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.stats().executed() == 1);
            assertThat(run).as("the worker goes on").isNotDone();
            assertThat(worker.stats()).isEqualTo(new WorkerStats(1, 0, 0, 0, null));
            assertThat(LeaseLosingQueueFactory.completions(name)).as("nothing finished, released or aborted " + id).isEmpty();
            assertThat(queues.getQueue(name).countReserved()).as("still reserved in the backend").isEqualTo(1);
        } finally {
            worker.stop();
            run.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void leaseLost_anInJvmJobRunsOnAsBefore() throws Exception {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, QueueSettings.builder()
                .className("lease-losing").option("leaseTimeout", 3).build()).build());
        JobManager jobs = new JobManager(queues);
        String id = jobs.queue(name, new BlockingJob(name));
        Worker worker = Worker.builder(jobs).queues(name).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Recorder.runs(name).size() == 1);
            LeaseLosingQueueFactory.lose(name);
            await().atMost(Duration.ofSeconds(10)).until(() -> LeaseLosingQueueFactory.refusedRenewals(name) >= 2); // lost for two rounds

            BlockingJob.open(name);

            await().atMost(Duration.ofSeconds(10)).until(() -> worker.stats().succeeded() == 1);
            assertThat(Recorder.runs(name)).containsExactly("started " + id, "ended " + id);
            await().atMost(Duration.ofSeconds(10)).until(() -> LeaseLosingQueueFactory.completions(name).contains("finish " + id));
        } finally {
            BlockingJob.open(name);
            worker.stop();
            run.get(60, TimeUnit.SECONDS);
        }
    }
}
