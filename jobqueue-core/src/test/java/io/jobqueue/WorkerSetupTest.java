package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.testjobs.Recorder;
import io.jobqueue.testjobs.RecordingJob;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a worker and the in-memory backend take from the application: the job executor, the
 * {@code worker:} settings, a ticker; and the misuse the builder refuses.
 */
class WorkerSetupTest {

    private final String name = "setup-" + UUID.randomUUID();
    private QueueManager queues;

    @AfterEach
    void tearDown() {
        if (queues != null) {
            queues.close();
        }
    }

    private JobManager jobs(String yaml) {
        queues = new QueueManager(JobQueueSettings.fromYaml(yaml, "test.yaml"));
        return new JobManager(queues);
    }

    @Test
    void aWorkerOverTheFakeBackend_isRefusedWhenBuilt_sayingWhy() {
        JobManager jobs = jobs("queues: {" + name + ": {className: fake}}");

        assertThatThrownBy(() -> Worker.builder(jobs).queues(name).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("queue '" + name + "' uses backend fake, which cannot reserve (it runs each job when it is submitted):"
                        + " a worker would have nothing to take from it");
    }

    @Test
    void aQueueNamedTwice_isRefusedWhenBuilt() {
        JobManager jobs = jobs("queues: {" + name + ": {className: memory}}");

        assertThatThrownBy(() -> Worker.builder(jobs).queues(name, name).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("queue '" + name + "' is named twice for one worker; name each queue once");
    }

    @Test
    void jobsRunOnTheGivenExecutor_whichTheWorkerDoesNotShutDown() throws Exception {
        JobManager jobs = jobs("queues: {" + name + ": {className: memory}}");
        Set<String> threads = ConcurrentHashMap.newKeySet();
        OverlappingJob.MOST_AT_ONCE.set(0);
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "app-thread-" + UUID.randomUUID());
            threads.add(thread.getName());
            return thread;
        });
        List<Job> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(i % 2 == 0 ? new RecordingJob(name, "job-" + i) : new OverlappingJob());
        }
        jobs.queueAll(name, batch, SubmitOptions.DEFAULT);
        try {
            WorkerStats stats = Worker.builder(jobs).queues(name).concurrency(3).executor(executor).limit(20).build().run();

            assertThat(stats.succeeded()).isEqualTo(20);
            assertThat(Recorder.runs(name)).hasSize(10);
            assertThat(threads).as("threads the application's executor made").isNotEmpty();
            assertThat(OverlappingJob.MOST_AT_ONCE.get()).as("jobs that ran at once on an executor that starts every task")
                    .isBetween(1, 3);
            assertThat(executor.isShutdown()).as("the given executor is the application's to shut down").isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theWorkerSectionOfTheSettings_givesDefaults_thatTheBuilderOverrides() {
        JobManager jobs = jobs("queues: {" + name + ": {className: memory}}\nworker: {concurrency: 3, prefetch: 0, pollTimeout: 0.2}");
        for (int i = 0; i < 5; i++) {
            jobs.queue(name, new RecordingJob(name, "job-" + i));
        }

        WorkerStats stats = Worker.builder(jobs).queues(name).limit(5).build().run();

        assertThat(stats.succeeded()).isEqualTo(5);
        assertThat(queues.settings().worker()).isEqualTo(new WorkerSettings(3, 0, null, Duration.ofMillis(200), null));
    }

    @Test
    void waitForBackendAndHeartbeatInterval_areReadAsSeconds() {
        jobs("queues: {" + name + ": {className: memory}}\nworker: {waitForBackend: 2.5, heartbeatInterval: 0}");

        assertThat(queues.settings().worker().waitForBackend()).isEqualTo(Duration.ofMillis(2500));
        assertThat(queues.settings().worker().heartbeatInterval()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aTypoInTheWorkerSection_stopsStartUpWithTheKeyAndASuggestion() {
        assertThatThrownBy(() -> JobQueueSettings.fromYaml("worker: {prefech: 4}", "app.yaml"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown option 'prefech'").hasMessageContaining("did you mean 'prefetch'?");
        assertThatThrownBy(() -> JobQueueSettings.fromYaml("worker: {concurrency: 0}", "app.yaml"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'concurrency' must be >= 1, was 0");
    }

    @Test
    void theInMemoryBackend_runsOnAGivenTicker_soDelaysAndLeasesPassWithoutSleeping() {
        AtomicLong ticker = new AtomicLong();
        InMemoryBackend backend = new InMemoryBackend(Duration.ofMinutes(5), ticker::get, Clock.systemUTC());
        Queue queue = Queue.of(QueueContext.of(name, Map.of()), backend);
        queue.submit("in an hour", SubmitOptions.delayed(Duration.ofHours(1)));

        assertThat(queue.waitAndReserve(Duration.ZERO)).as("before the hour passed").isEmpty();
        ticker.addAndGet(Duration.ofHours(1).toNanos());
        Message reserved = queue.waitAndReserve(Duration.ZERO).orElseThrow();
        ticker.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(queue.finish(reserved)).as("finish after the 5 minute lease ran out on the ticker").isFalse();
        Message again = queue.waitAndReserve(Duration.ZERO).orElseThrow();
        assertThat(again.numberOfDeliveries()).isEqualTo(2);
        assertThat(queue.finish(again)).isTrue();
    }

    /** Holds its thread for a tenth of a second, counting how many such jobs run at once. */
    public static final class OverlappingJob implements Job {
        static final AtomicInteger RUNNING = new AtomicInteger();
        static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
        private static final Semaphore NEVER = new Semaphore(0);

        @Override
        public boolean execute(Queue queue, Message message) throws InterruptedException {
            int now = RUNNING.incrementAndGet();
            MOST_AT_ONCE.accumulateAndGet(now, Math::max);
            try {
                NEVER.tryAcquire(100, TimeUnit.MILLISECONDS); // lets the jobs overlap; nothing is measured
            } finally {
                RUNNING.decrementAndGet();
            }
            return true;
        }
    }
}
