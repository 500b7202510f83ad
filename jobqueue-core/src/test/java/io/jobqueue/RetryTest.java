package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.testjobs.FailingJob;
import io.jobqueue.testjobs.OwnRetryPolicyJob;
import io.jobqueue.testjobs.Recorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delays of a failed job's releases, on an in-memory backend whose time the test moves:
 * exponential backoff by default, the original's fixed {@code delay} when set, a job class's own
 * policy, and releases at once where the backend cannot delay.
 */
class RetryTest {

    private static final Instant WALL = Instant.parse("2030-01-01T00:00:00Z");

    private final String name = "retry-" + UUID.randomUUID();
    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private QueueManager queues;
    private JobManager jobs;

    private void configure(QueueSettings.Builder settings) {
        configure(settings, backend -> backend);
    }

    private void configure(QueueSettings.Builder settings, Function<QueueBackend, QueueBackend> wrap) {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, settings.className("memory").build()).build(),
                getClass().getClassLoader(), (context, factory) -> Optional.of(wrap.apply(
                        new InMemoryBackend(Duration.ofMinutes(10), ticker::get, Clock.fixed(WALL, ZoneOffset.UTC)))));
        jobs = new JobManager(queues, JobSerializer.defaultSerializer(), ticker::get).addListener(new JobListener() {
            @Override
            public void messageReleased(Queue queue, Message message, ReleaseOptions releaseOptions, Throwable cause) {
                delays.add(releaseOptions.delay());
            }
        });
    }

    @AfterEach
    void tearDown() {
        queues.close();
    }

    private void pass(Duration duration) {
        ticker.addAndGet(duration.toNanos());
    }

    /** Runs the next job, which fails, and returns the delay of its release. */
    private Duration failOnce() {
        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).isInstanceOf(JobExecutionException.class);
        return delays.get(delays.size() - 1);
    }

    @Test
    void queueWithoutDelay_backsOffExponentiallyWithJitter_andTheMessageIsDelayedForThatLong() {
        configure(QueueSettings.builder().maximumNumberOfReleases(4));
        String id = jobs.queue(name, FailingJob.always(name));
        Queue queue = queues.getQueue(name);
        assertThat(queues.retryPolicy(name)).isEqualTo(RetryPolicy.DEFAULT);

        long[] fullMillis = {1000, 2000, 4000, 8000};
        for (long full : fullMillis) {
            Duration delay = failOnce();
            assertThat(delay).as("release before a full delay of %d ms", full)
                    .isBetween(Duration.ofMillis(full * 8 / 10), Duration.ofMillis(full));
            MessageInfo info = queue.find(id).orElseThrow();
            assertThat(info.state()).isEqualTo(MessageState.DELAYED);
            assertThat(info.dueAt()).isEqualTo(WALL.plus(delay));

            pass(delay.minusMillis(1));
            assertThat(jobs.waitAndExecute(name, Duration.ZERO)).as("not due yet").isEmpty();
            pass(Duration.ofMillis(1));
        }
        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("(5/5 trials) - ABORTING");
        assertThat(queue.countFailed()).isEqualTo(1);
        assertThat(delays).hasSize(4);
        assertThat(Recorder.runs(name)).hasSize(5);
    }

    @Test
    void backoffKeys_tuneTheDefault() {
        configure(QueueSettings.builder().maximumNumberOfReleases(3).releaseOption("initialDelay", 10)
                .releaseOption("multiplier", 3).releaseOption("maxDelay", 60).releaseOption("jitter", 0));
        jobs.queue(name, FailingJob.always(name));

        for (int i = 0; i < 3; i++) {
            Duration delay = failOnce();
            pass(delay);
        }

        assertThat(delays).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    @Test
    void explicitDelay_isTheOriginalsFixedDelay_exactlyEveryTime_withThePriority() {
        configure(QueueSettings.builder().maximumNumberOfReleases(3).releaseOption("delay", 2.5).releaseOption("priority", 7));
        String id = jobs.queue(name, FailingJob.always(name));
        Queue queue = queues.getQueue(name);
        List<Integer> priorities = new CopyOnWriteArrayList<>();
        jobs.addListener(new JobListener() {
            @Override
            public void messageReleased(Queue q, Message message, ReleaseOptions releaseOptions, Throwable cause) {
                priorities.add(releaseOptions.priority());
            }
        });

        for (int i = 0; i < 3; i++) {
            Duration delay = failOnce();
            assertThat(queue.find(id).orElseThrow().dueAt()).isEqualTo(WALL.plus(Duration.ofMillis(2500)));
            pass(delay);
        }

        assertThat(delays).containsOnly(Duration.ofMillis(2500)).hasSize(3);
        assertThat(priorities).containsOnly(7);
    }

    @Test
    void delayZero_retriesAtOnce_asTheOriginal() {
        configure(QueueSettings.builder().maximumNumberOfReleases(2).releaseOption("delay", 0));
        jobs.queue(name, FailingJob.always(name));

        for (int i = 0; i < 2; i++) {
            failOnce();
            assertThat(queues.getQueue(name).countReady()).as("ready at once, no time passed").isEqualTo(1);
        }
        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");
        assertThat(delays).containsExactly(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void aJobClassWithItsOwnPolicy_winsOverTheQueuesPolicy_andNullMeansTheQueues() {
        configure(QueueSettings.builder().maximumNumberOfReleases(1).releaseOption("delay", 30));
        String own = jobs.queue(name, new OwnRetryPolicyJob(name, 7_000));

        assertThat(failOnce()).isEqualTo(Duration.ofSeconds(7));
        assertThat(queues.getQueue(name).find(own).orElseThrow().dueAt()).isEqualTo(WALL.plusSeconds(7));
        pass(Duration.ofSeconds(7));
        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");

        jobs.queue(name, new OwnRetryPolicyJob(name, -1));
        assertThat(failOnce()).as("retryPolicy() null: the queue's").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void backendWithoutDelay_releasesAtOnceInsteadOfFailing() {
        configure(QueueSettings.builder().maximumNumberOfReleases(2), backend -> new ForwardingBackend(backend) {
            @Override
            public QueueCapabilities capabilities() {
                return delegate.capabilities().without(Capability.DELAY);
            }
        });
        jobs.queue(name, FailingJob.always(name));
        Queue queue = queues.getQueue(name);
        assertThat(queue.capabilities().has(Capability.DELAY)).isFalse();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO))
                    .isInstanceOf(JobExecutionException.class).hasMessageEndingWith("- RELEASE");
            assertThat(queue.countReady()).isEqualTo(1);
        }
        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");
        assertThat(delays).containsExactly(Duration.ZERO, Duration.ZERO);
        assertThat(queue.countFailed()).isEqualTo(1);
    }

    @Test
    void fakeQueue_withTheDefaultBackoff_startsAndFailsAsBefore_withoutADelayedRelease() {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, QueueSettings.builder().className("fake").build()).build());
        jobs = new JobManager(queues);

        queues.requireQueue(name);
        assertThat(queues.retryPolicy(name)).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(queues.getQueue(name).capabilities().has(Capability.DELAY)).isFalse();
        assertThatThrownBy(() -> jobs.queue(name, FailingJob.always(name)))
                .as("the job's own failure reaches the submitter, nothing about a delay").hasMessage("planned failure 1");
    }

    @Test
    void aWorkersReleases_getTheComputedDelayToo() throws Exception {
        configure(QueueSettings.builder().maximumNumberOfReleases(1).releaseOption("initialDelay", 20).releaseOption("jitter", 0));
        String id = jobs.queue(name, FailingJob.always(name));

        try (Worker worker = Worker.builder(jobs).queues(name).limit(1).pollTimeout(Duration.ofMillis(50)).build()) {
            worker.run();
        }

        assertThat(delays).containsExactly(Duration.ofSeconds(20));
        assertThat(queues.getQueue(name).find(id).orElseThrow().dueAt()).isEqualTo(WALL.plusSeconds(20));
    }
}
