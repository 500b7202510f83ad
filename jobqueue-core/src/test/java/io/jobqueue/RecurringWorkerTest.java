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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workers run the recurring jobs of their queues: one message per tick however many run, entries replaced at run time. */
class RecurringWorkerTest {

    private final String queue = "recurring-worker-" + UUID.randomUUID();
    private final ManualClock clock = new ManualClock("2026-12-01T10:00:01Z");
    private QueueManager queues;
    private JobManager jobs;

    @BeforeEach
    void setUp() {
        queues = new QueueManager(JobQueueSettings.builder().queue(queue, "memory").build());
        jobs = new JobManager(queues);
    }

    @AfterEach
    void tearDown() {
        queues.close();
    }

    private RecurringJob entry(String name, String value) {
        return RecurringJob.builder(name).cron("* * * * *").queue(queue).job(new RecordingJob(queue, value)).build();
    }

    private Worker worker(RecurringJob... entries) {
        return Worker.builder(jobs).queues(queue).pollTimeout(Duration.ofMillis(50)).heartbeatInterval(Duration.ZERO)
                .clock(clock).recurring(entries).build();
    }

    @Test
    void twoWorkers_runEachTickOnce_andANewTickAgainOnce() throws Exception {
        Worker one = worker(entry("minutely", "tick"));
        Worker two = worker(entry("minutely", "tick"));
        CompletableFuture<WorkerStats> runOne = CompletableFuture.supplyAsync(one::run);
        CompletableFuture<WorkerStats> runTwo = CompletableFuture.supplyAsync(two::run);
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> Recorder.runs(queue).size() == 1);
            clock.advance(Duration.ofMinutes(1));
            await().atMost(10, TimeUnit.SECONDS).until(() -> Recorder.runs(queue).size() == 2);
            // both workers have passed this tick too: a third run would need a third tick
            await().atMost(10, TimeUnit.SECONDS).until(() -> queues.getQueue(queue).counts().ready() == 0
                    && one.stats().executed() + two.stats().executed() == 2);
        } finally {
            one.stop();
            two.stop();
        }
        assertThat(runOne.get(10, TimeUnit.SECONDS).executed() + runTwo.get(10, TimeUnit.SECONDS).executed()).isEqualTo(2);
        assertThat(Recorder.runs(queue)).containsExactly("tick", "tick");
    }

    @Test
    void replaceRecurring_whileRunning_takesEffectAtOnce() throws Exception {
        Worker worker = worker();
        assertThat(worker.recurringJobs()).isEmpty();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        try {
            worker.replaceRecurring(List.of(entry("added", "added later")));

            await().atMost(10, TimeUnit.SECONDS).until(() -> Recorder.runs(queue).contains("added later"));
            assertThat(worker.recurringJobs()).extracting(RecurringJob::name).containsExactly("added");
        } finally {
            worker.stop();
        }
        run.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anEntryOfAnotherQueue_givenInCode_failsTheBuild() {
        RecurringJob elsewhere = RecurringJob.builder("elsewhere").cron("* * * * *").queue("mail").job(new RecordingJob("x", "y")).build();

        assertThatThrownBy(() -> worker(elsewhere))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("recurring job 'elsewhere' goes to queue 'mail', which this worker does not watch");
    }
}
