package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobqueue.testjobs.Recorder;
import io.jobqueue.testjobs.RecordingJob;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A running worker publishes its heartbeat into its queues' backends, keeps it fresh, and removes it on a stop. */
class WorkerHeartbeatTest {

    private static final Duration FAST = Duration.ofMillis(50);

    private final String name = "hb-" + UUID.randomUUID();
    private QueueManager queues;
    private JobManager jobs;

    private void configure(String className, java.util.Map<String, Object> options) {
        queues = new QueueManager(JobQueueSettings.builder()
                .queue(name, QueueSettings.builder().className(className).options(options).build())
                .build());
        jobs = new JobManager(queues);
    }

    @AfterEach
    void tearDown() {
        queues.close();
    }

    private List<WorkerHeartbeat> beats() {
        return queues.getQueue(name).listHeartbeats(100);
    }

    @Test
    void aRunningWorker_isListedWithItsFields_andAStopRemovesItsBeat() throws Exception {
        configure("memory", java.util.Map.of());
        Worker worker = Worker.builder(jobs).queues(name).concurrency(3).pollTimeout(FAST).heartbeatInterval(FAST).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        try {
            jobs.queue(name, new RecordingJob(name, "one"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> Recorder.runs(name).size() == 1);

            WorkerHeartbeat beat = await().atMost(10, TimeUnit.SECONDS).until(
                    () -> beats().stream().filter(b -> b.workerId().equals(worker.id())).findFirst().orElse(null),
                    b -> b != null && b.processed() == 1);

            assertThat(worker.id()).matches("[A-Za-z0-9.-]+-" + ProcessHandle.current().pid() + "-[0-9a-f]{8}");
            assertThat(beat.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(beat.queues()).containsExactly(name);
            assertThat(beat.concurrency()).isEqualTo(3);
            assertThat(beat.succeeded()).isEqualTo(1);
            assertThat(beat.startedAt()).isBeforeOrEqualTo(beat.lastSeen());
        } finally {
            worker.stop();
            run.get(10, TimeUnit.SECONDS);
        }
        assertThat(beats()).as("beats after a graceful stop").extracting(WorkerHeartbeat::workerId).doesNotContain(worker.id());
    }

    @Test
    void aFailingPublish_neverStopsTheWorker_andTheNextBeatsPublishAgain() throws Exception {
        configure("flaky", java.util.Map.of("failures", 0, "heartbeatFailures", 3));
        Worker worker = Worker.builder(jobs).queues(name).pollTimeout(FAST).heartbeatInterval(FAST).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        try {
            jobs.queue(name, new RecordingJob(name, "despite"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> Recorder.runs(name).size() == 1);
            await().atMost(10, TimeUnit.SECONDS).until(() -> beats().stream().anyMatch(b -> b.workerId().equals(worker.id())));
            assertThat(run).isNotDone();
        } finally {
            worker.stop();
            run.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aZeroInterval_publishesNothing() throws Exception {
        configure("memory", java.util.Map.of());
        Worker worker = Worker.builder(jobs).queues(name).pollTimeout(FAST).heartbeatInterval(Duration.ZERO).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        try {
            jobs.queue(name, new RecordingJob(name, "quiet"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> Recorder.runs(name).size() == 1);
            assertThat(beats()).isEmpty();
        } finally {
            worker.stop();
            run.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTtlNoLongerThanTheInterval_isRefusedAtBuildTime() {
        configure("memory", java.util.Map.of());

        assertThatThrownBy(() -> Worker.builder(jobs).queues(name).heartbeatInterval(Duration.ofSeconds(10))
                .heartbeatTtl(Duration.ofSeconds(10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heartbeatTtl");
        assertThatThrownBy(() -> Worker.builder(jobs).queues(name).heartbeatInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWorkerThatNeverRan_publishesNothing_butTellsItsBeat() {
        configure("memory", java.util.Map.of());
        Worker worker = Worker.builder(jobs).queues(name).build();

        assertThat(worker.heartbeat().workerId()).isEqualTo(worker.id());
        assertThat(worker.heartbeat().runningJobs()).isZero();
        assertThat(beats()).isEmpty();
    }
}
