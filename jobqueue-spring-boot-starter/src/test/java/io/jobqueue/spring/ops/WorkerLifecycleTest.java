package io.jobqueue.spring.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueCounts;
import io.jobqueue.QueueManager;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import io.jobqueue.spring.JobQueueWorkerAutoConfiguration;
import io.jobqueue.spring.internal.WorkerLifecycle;
import io.jobqueue.testkit.Services;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The application's worker: it starts with the context when {@code jobqueue.worker.queues} names
 * queues, runs their jobs, and stops with the context, letting a running job finish within the grace
 * period and releasing one that runs past it.
 */
class WorkerLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, JobQueueAutoConfiguration.class,
                    JobQueueWorkerAutoConfiguration.class))
            .withPropertyValues("jobqueue.worker.poll-timeout=200ms", "jobqueue.worker.heartbeat-interval=0");

    @Test
    void theWorker_startsWithTheContext_andRunsSubmittedJobs() {
        String queue = Services.uniqueName("ops-worker");
        String key = Services.uniqueName("job");
        runner.withPropertyValues("jobqueue.queues." + queue + ".class-name=memory", "jobqueue.worker.queues=" + queue)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Worker.class).hasSingleBean(WorkerLifecycle.class);
                    assertThat(context.getBean(WorkerLifecycle.class).isRunning()).as("the worker runs with the context").isTrue();
                    context.getBean(JobManager.class).queue(queue, new GateJob(key, false));
                    context.getBean(JobManager.class).queue(queue, new GateJob(key, false));

                    await().atMost(WAIT).untilAsserted(() -> assertThat(GateJob.events(key))
                            .containsExactly("started", "ended", "started", "ended"));
                    await().atMost(WAIT).untilAsserted(() -> assertThat(context.getBean(Worker.class).stats().succeeded())
                            .isEqualTo(2));
                    assertThat(context.getBean(Worker.class).heartbeat().queues()).containsExactly(queue);
                });
    }

    @Test
    void noQueues_disabled_orInline_noWorker() {
        String queue = Services.uniqueName("ops-none");
        ApplicationContextRunner configured = runner.withPropertyValues("jobqueue.queues." + queue + ".class-name=memory");
        configured.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Worker.class)
                .doesNotHaveBean(WorkerLifecycle.class));
        configured.withPropertyValues("jobqueue.worker.queues=").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(Worker.class));
        configured.withPropertyValues("jobqueue.worker.queues=" + queue, "jobqueue.worker.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Worker.class)
                        .doesNotHaveBean(WorkerLifecycle.class));
        configured.withPropertyValues("jobqueue.worker.queues=" + queue, "jobqueue.testing.inline=true")
                .run(context -> assertThat(context).as("inline: jobs run when submitted").hasNotFailed()
                        .doesNotHaveBean(Worker.class));
    }

    @Test
    void indexedQueueNames_andConcurrency_reachTheWorker() {
        String first = Services.uniqueName("ops-idx-a");
        String second = Services.uniqueName("ops-idx-b");
        runner.withPropertyValues("jobqueue.queues." + first + ".class-name=memory", "jobqueue.queues." + second + ".class-name=memory",
                "jobqueue.worker.queues[0]=" + first, "jobqueue.worker.queues[1]=" + second, "jobqueue.worker.concurrency=2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Worker worker = context.getBean(Worker.class);
                    assertThat(worker.heartbeat().queues()).containsExactly(first, second);
                    assertThat(worker.heartbeat().concurrency()).isEqualTo(2);
                });
    }

    @Test
    void anUnknownWorkerQueue_stopsStartUp_namingIt() {
        String queue = Services.uniqueName("ops-known");
        runner.withPropertyValues("jobqueue.queues." + queue + ".class-name=memory", "jobqueue.worker.queues=" + queue + ",no-such-queue")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(ConfigurationException.class);
                    assertThat(rootCause(context.getStartupFailure()).getMessage()).contains("no-such-queue");
                });
    }

    @Test
    void closingTheContext_waitsForTheRunningJob() throws Exception {
        String queue = Services.uniqueName("ops-close");
        String key = Services.uniqueName("job");
        Path db = dir.resolve("q.db");
        runner.withPropertyValues(sqlite(queue, db)).withPropertyValues("jobqueue.worker.queues=" + queue,
                "jobqueue.worker.grace-period=20s", "spring.lifecycle.timeout-per-shutdown-phase=30s")
                .run(context -> {
                    Worker worker = context.getBean(Worker.class);
                    context.getBean(JobManager.class).queue(queue, new GateJob(key, true));
                    await().atMost(WAIT).until(() -> GateJob.events(key).contains("started"));
                    assertThat(worker.runningJobs()).isEqualTo(1);

                    Thread closer = new Thread(() -> {
                        context.close();
                        GateJob.events(key).add("context closed");
                    }, "test-closer");
                    closer.start();
                    await().atMost(WAIT).until(() -> worker.stats().stopReason() == WorkerStats.StopReason.STOPPED);
                    assertThat(closer.isAlive()).as("the close waits for the running job").isTrue();

                    GateJob.open(key);
                    closer.join(WAIT.toMillis());
                    assertThat(closer.isAlive()).isFalse();
                    assertThat(GateJob.events(key)).containsExactly("started", "ended", "context closed");
                    assertThat(worker.stats().succeeded()).isEqualTo(1);
                });
        assertThat(countsOf(queue, db)).as("the job's message was finished").isEqualTo(new QueueCounts(0, 0, 0, 0));
    }

    @Test
    void aJobRunningPastTheGracePeriod_isInterrupted_andItsMessageComesBack() {
        String queue = Services.uniqueName("ops-grace");
        String key = Services.uniqueName("job");
        Path db = dir.resolve("grace.db");
        runner.withPropertyValues(sqlite(queue, db)).withPropertyValues("jobqueue.worker.queues=" + queue,
                "jobqueue.worker.grace-period=500ms", "spring.lifecycle.timeout-per-shutdown-phase=20s")
                .run(context -> {
                    Worker worker = context.getBean(Worker.class);
                    context.getBean(JobManager.class).queue(queue, new GateJob(key, true));
                    await().atMost(WAIT).until(() -> GateJob.events(key).contains("started"));
                    context.close();
                    assertThat(GateJob.events(key)).containsExactly("started", "interrupted");
                    assertThat(worker.stats().released()).isEqualTo(1);
                });
        QueueCounts counts = countsOf(queue, db);
        assertThat(counts.ready() + counts.delayed()).as("the released message is back: %s", counts).isEqualTo(1);
        assertThat(counts.reserved()).isZero();
    }

    @Test
    void theGracePeriod_fitsTheShutdownPhase() {
        assertThat(WorkerLifecycle.effectiveGracePeriod(Duration.ofSeconds(30), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(25));
        assertThat(WorkerLifecycle.effectiveGracePeriod(Duration.ofSeconds(1), Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(1));
        assertThat(WorkerLifecycle.effectiveGracePeriod(Duration.ofSeconds(10), Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(2));
        assertThat(WorkerLifecycle.effectiveGracePeriod(Duration.ofSeconds(10), Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
    }

    private static String[] sqlite(String queue, Path db) {
        return new String[] {"jobqueue.queues." + queue + ".class-name=jdbc", "jobqueue.queues." + queue + ".options.path=" + db};
    }

    /** The counts of the queue as a second queue manager on the same SQLite file sees them. */
    private static QueueCounts countsOf(String queue, Path db) {
        JobQueueSettings settings = JobQueueSettings.fromMap(Map.of("queues", Map.of(queue,
                Map.of("className", "jdbc", "options", Map.of("path", db.toString())))), "the test");
        try (QueueManager queues = new QueueManager(settings)) {
            return queues.getQueue(queue).counts();
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
