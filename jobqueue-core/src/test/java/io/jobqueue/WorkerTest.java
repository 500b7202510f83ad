package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobqueue.testjobs.BlockingJob;
import io.jobqueue.testjobs.FailingJob;
import io.jobqueue.testjobs.Recorder;
import io.jobqueue.testjobs.RecordingJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerTest {

    private final String name = "w-" + UUID.randomUUID();
    private final String other = "w2-" + UUID.randomUUID();
    private QueueManager queues;
    private JobManager jobs;

    private void configure(String className, QueueSettings.Builder settings) {
        queues = new QueueManager(JobQueueSettings.builder()
                .queue(name, settings.className(className).build())
                .queue(other, QueueSettings.builder().className("memory").build())
                .build());
        jobs = new JobManager(queues);
    }

    @AfterEach
    void tearDown() {
        queues.close();
    }

    private List<RecordingJob> recordingJobs(String key, int count) {
        List<RecordingJob> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new RecordingJob(key, Integer.toString(i)));
        }
        return list;
    }

    @Test
    void runsEveryJobOnceWithConcurrencyAndStopsAtTheLimit() {
        configure("memory", QueueSettings.builder());
        jobs.queueAll(name, recordingJobs(name, 500), SubmitOptions.DEFAULT);

        WorkerStats stats;
        try (Worker worker = Worker.builder(jobs).queues(name).concurrency(4).limit(500).build()) {
            stats = worker.run();
        }

        assertThat(stats).isEqualTo(new WorkerStats(500, 500, 0, 0, WorkerStats.StopReason.LIMIT));
        assertThat(Recorder.runs(name)).hasSize(500).doesNotHaveDuplicates();
        assertThat(queues.getQueue(name).countReserved()).isZero();
        assertThat(queues.getQueue(name).countReady()).isZero();
    }

    @Test
    void limitCountsFailuresAndLeavesTheRestQueued() {
        configure("memory", QueueSettings.builder().maximumNumberOfReleases(0));
        jobs.queue(name, FailingJob.always(name));
        jobs.queueAll(name, recordingJobs(name + "ok", 3), SubmitOptions.DEFAULT);

        WorkerStats stats = Worker.builder(jobs).queues(name).limit(2).build().run();

        assertThat(stats).isEqualTo(new WorkerStats(2, 1, 0, 1, WorkerStats.StopReason.LIMIT));
        assertThat(queues.getQueue(name).countReady()).isEqualTo(2);
        assertThat(queues.getQueue(name).countFailed()).isEqualTo(1);
    }

    @Test
    void watchesSeveralQueues() {
        configure("memory", QueueSettings.builder());
        jobs.queueAll(name, recordingJobs(name, 20), SubmitOptions.DEFAULT);
        jobs.queueAll(other, recordingJobs(name, 20), SubmitOptions.DEFAULT);

        WorkerStats stats = Worker.builder(jobs).queues(name, other).concurrency(3).limit(40).build().run();

        assertThat(stats.succeeded()).isEqualTo(40);
        assertThat(Recorder.runs(name)).hasSize(40);
    }

    @Test
    void exitAfterStopsAnIdleWorker() {
        configure("memory", QueueSettings.builder());
        WorkerStats stats = Worker.builder(jobs).queues(name).exitAfter(Duration.ofMillis(300)).build().run();
        assertThat(stats.stopReason()).isEqualTo(WorkerStats.StopReason.EXIT_AFTER);
        assertThat(stats.executed()).isZero();
    }

    @Test
    void stopTakesNothingNewAndLetsRunningJobsFinish() throws Exception {
        configure("memory", QueueSettings.builder());
        jobs.queue(name, new BlockingJob(name));
        jobs.queue(name, new RecordingJob(name, "must wait"));
        Worker worker = Worker.builder(jobs).queues(name).concurrency(1).prefetch(0).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        await().atMost(Duration.ofSeconds(10)).until(() -> Recorder.runs(name).size() == 1);

        worker.stop();
        BlockingJob.open(name);
        WorkerStats stats = run.get(20, TimeUnit.SECONDS);

        assertThat(stats).isEqualTo(new WorkerStats(1, 1, 0, 0, WorkerStats.StopReason.STOPPED));
        assertThat(Recorder.runs(name)).hasSize(2).allMatch(r -> r.startsWith("started") || r.startsWith("ended"));
        assertThat(queues.getQueue(name).countReady()).as("the second job was not taken").isEqualTo(1);
        assertThat(queues.getQueue(name).countReserved()).isZero();
    }

    @Test
    void prefetchedJobsAreReservedAhead_andGivenBackUnstartedWhenTheWorkerStops() throws Exception {
        configure("memory", QueueSettings.builder());
        jobs.queue(name, new BlockingJob(name));
        jobs.queue(name, new RecordingJob(name, "prefetched"));
        jobs.queue(name, new RecordingJob(name, "not taken"));
        Queue queue = queues.getQueue(name);
        Worker worker = Worker.builder(jobs).queues(name).concurrency(1).prefetch(1).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.countReserved() == 2);

        worker.stop();
        BlockingJob.open(name);
        WorkerStats stats = run.get(20, TimeUnit.SECONDS);

        assertThat(stats.succeeded()).as("only the job that ran when the worker stopped").isEqualTo(1);
        assertThat(Recorder.runs(name)).doesNotContain("prefetched", "not taken");
        assertThat(queue.countReady()).as("the prefetched message was given back").isEqualTo(2);
        assertThat(queue.countReserved()).isZero();
        assertThat(queue.peek(2)).as("a give-back is not a failed attempt").allMatch(m -> m.numberOfReleases() == 0);
    }

    @Test
    void renewsTheLeaseOfARunningJob() throws Exception {
        configure("memory", QueueSettings.builder().option("leaseTimeout", 0.3));
        jobs.queue(name, new BlockingJob(name));
        Queue queue = queues.getQueue(name);
        Worker worker = Worker.builder(jobs).queues(name).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        await().atMost(Duration.ofSeconds(10)).until(() -> Recorder.runs(name).size() == 1);

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> queue.countReserved() == 1 && queue.countReady() == 0);

        BlockingJob.open(name);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.countReserved() == 0);
        worker.stop();
        assertThat(run.get(20, TimeUnit.SECONDS).succeeded()).isEqualTo(1);
        assertThat(Recorder.runs(name)).hasSize(2);
    }

    @Test
    void jobStillRunningAfterTheGracePeriodIsInterruptedAndItsMessageComesBack() throws Exception {
        // delay 0: the interrupted (failed) attempt is ready again at once, not after a backoff
        configure("memory", QueueSettings.builder().option("leaseTimeout", 0.5).releaseOption("delay", 0));
        jobs.queue(name, new BlockingJob(name));
        Worker worker = Worker.builder(jobs).queues(name).gracePeriod(Duration.ofMillis(100)).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        await().atMost(Duration.ofSeconds(10)).until(() -> Recorder.runs(name).size() == 1);

        worker.stop();
        run.get(20, TimeUnit.SECONDS);

        Queue queue = queues.getQueue(name);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.countReady() == 1);
        assertThat(queue.peek(1).get(0).numberOfReleases()).isEqualTo(1);
    }

    @Test
    void backendFailuresAreRetriedWithBackoffAndTheWorkGoesOn() {
        configure("flaky", QueueSettings.builder().option("failures", 3));
        jobs.queueAll(name, recordingJobs(name, 5), SubmitOptions.DEFAULT);

        WorkerStats stats = Worker.builder(jobs).queues(name).limit(5).build().run();

        assertThat(stats.succeeded()).isEqualTo(5);
        assertThat(Recorder.runs(name)).hasSize(5);
    }

    @Test
    void unknownQueueFailsAtBuildTime() {
        configure("memory", QueueSettings.builder());
        assertThatThrownBy(() -> Worker.builder(jobs).queues("nope").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("queue 'nope' is not configured");
        assertThatThrownBy(() -> Worker.builder(jobs).build()).hasMessageContaining("at least one queue");
        assertThatThrownBy(() -> Worker.builder(jobs).concurrency(0)).hasMessageContaining("concurrency must be >= 1");
    }
}
