package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobqueue.spi.BackendCustomizer;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.testjobs.BlockingJob;
import io.jobqueue.testjobs.Recorder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancelling a running job: the worker learns it at its next lease renewal, interrupts the job, and
 * neither finishes, releases nor aborts its message, which never runs again. A cancelled message
 * reserved ahead is not started.
 */
class CancelTest {

    private final String name = "cancel-" + UUID.randomUUID();
    private QueueManager queues;

    @AfterEach
    void tearDown() {
        BlockingJob.open(name);
        if (queues != null) {
            queues.close();
        }
    }

    /** The ids whose lease renewal the backend refused, as the worker's lease keeper asked for it. */
    private final Set<String> refusedRenewals = ConcurrentHashMap.newKeySet();

    private JobManager jobs(boolean retain) {
        QueueSettings.Builder settings = QueueSettings.builder().className("memory").option("leaseTimeout", 1);
        if (retain) {
            settings.option("retainFinished", "1h");
        }
        BackendCustomizer watchRenewals = (context, factory) -> Optional.of(new ForwardingBackend(factory.create(context)) {
            @Override
            public Set<String> extendLeases(List<Message> messages) {
                Set<String> renewed = super.extendLeases(messages);
                messages.stream().map(Message::id).filter(id -> !renewed.contains(id)).forEach(refusedRenewals::add);
                return renewed;
            }
        });
        queues = new QueueManager(JobQueueSettings.builder().queue(name, settings.build()).build(),
                CancelTest.class.getClassLoader(), watchRenewals);
        return new JobManager(queues);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void cancel_ofARunningJob_interruptsIt_andItIsNotRetried(boolean retain) throws Exception {
        JobManager jobs = jobs(retain);
        String id = jobs.queue(name, new BlockingJob(name));
        Worker worker = Worker.builder(jobs).queues(name).pollTimeout(Duration.ofMillis(100)).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Recorder.runs(name).size() == 1);
            long cancelledAt = System.nanoTime();

            assertThat(jobs.cancel(name, id)).as("cancel of the running job").isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> worker.cancelledJobs() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).as("learnt within a renewal interval and a margin")
                    .isLessThan(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.runningJobs() == 0);
            assertThat(Recorder.runs(name)).as("interrupted: it never reached its end").containsExactly("started " + id);
            assertThat(worker.stats()).isEqualTo(new WorkerStats(1, 0, 0, 0, null));
            Queue queue = queues.getQueue(name);
            if (retain) {
                assertThat(queue.find(id).map(MessageInfo::state)).contains(MessageState.CANCELLED);
            }
            assertThat(queue.countReady()).isZero();
            assertThat(queue.countFailed()).isZero();
            // past the lease, the message does not come back: the job stays run once the whole time
            await("not run again").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> Recorder.runs(name).size() == 1);
            assertThat(queue.countReserved()).isZero();
        } finally {
            worker.stop();
            run.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCancelledMessageReservedAhead_isNotStarted() throws Exception {
        JobManager jobs = jobs(true);
        String first = jobs.queue(name, new BlockingJob(name));
        String second = jobs.queue(name, new BlockingJob(name));
        Worker worker = Worker.builder(jobs).queues(name).concurrency(1).prefetch(1).pollTimeout(Duration.ofMillis(100)).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Recorder.runs(name).size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> queues.getQueue(name).find(second).map(MessageInfo::state)
                    .orElseThrow() == MessageState.RESERVED);

            assertThat(jobs.cancel(name, second)).as("cancel of the message reserved ahead").isTrue();
            // The worker learns of it at its next lease renewal (a third of the 1 s lease), which the backend refuses.
            await("a refused renewal of the cancelled message").atMost(Duration.ofSeconds(10))
                    .until(() -> refusedRenewals.contains(second));
            BlockingJob.open(name);

            await().atMost(Duration.ofSeconds(10)).until(() -> worker.stats().succeeded() == 1);
            await("the cancelled message is not started").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> Recorder.runs(name).size() == 2);
            assertThat(Recorder.runs(name)).containsExactly("started " + first, "ended " + first);
            assertThat(queues.getQueue(name).find(second).map(MessageInfo::state)).contains(MessageState.CANCELLED);
            assertThat(worker.cancelledJobs()).as("dropped without starting").isEqualTo(1);
            assertThat(worker.stats()).isEqualTo(new WorkerStats(1, 1, 0, 0, null));
        } finally {
            worker.stop();
            run.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void cancel_ofAnUnknownOrFinishedId_isFalse_andABlankIdIsRefused() {
        JobManager jobs = jobs(false);
        assertThat(jobs.cancel(name, "424242")).isFalse();
        assertThatThrownBy(() -> jobs.cancel(name, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancel_onABackendWithoutTheCapability_isRefused() {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, QueueSettings.builder().className("fake").build()).build());
        Queue queue = queues.getQueue(name);
        assertThatThrownBy(() -> queue.cancel("1")).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("cancel");
    }
}
