package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobqueue.spi.Abort;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.testjobs.BlockingJob;
import io.jobqueue.testjobs.InterruptIgnoringJob;
import io.jobqueue.testjobs.PidThenHangJob;
import io.jobqueue.testjobs.Recorder;
import io.jobqueue.testjobs.SleepingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Timeouts of jobs: per queue and per job class, a job that ignores the interrupt, and bad values. */
class JobTimeoutTest {

    private final String name = "t-" + UUID.randomUUID();
    private final String other = "t2-" + UUID.randomUUID();
    private final List<String> completions = new CopyOnWriteArrayList<>();
    private final List<Renewal> renewals = new CopyOnWriteArrayList<>();
    private final List<Throwable> causes = new CopyOnWriteArrayList<>();
    private final RecordingJobListener events = new RecordingJobListener();
    private QueueManager queues;
    private JobManager jobs;
    @TempDir
    Path dir;

    /** One call to renew leases: the queue and the ids. */
    private record Renewal(String queue, Set<String> ids) {
    }

    /**
     * A memory queue, and another without a timeout, whose backends write down every finish, release,
     * abort ("abort 3") and renewal.
     */
    private void configure(QueueSettings.Builder settings) {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, settings.className("memory").build())
                .queue(other, QueueSettings.builder().className("memory").option("leaseTimeout", 0.9).build()).build(),
                getClass().getClassLoader(), (context, factory) -> Optional.of(new ForwardingBackend(factory.create(context)) {
                    @Override
                    public Set<String> finish(List<Message> messages) {
                        messages.forEach(m -> completions.add("finish " + m.id()));
                        return super.finish(messages);
                    }

                    @Override
                    public Set<String> release(List<Message> messages, ReleaseOptions options) {
                        messages.forEach(m -> completions.add("release " + m.id()));
                        return super.release(messages, options);
                    }

                    @Override
                    public Set<String> abort(List<Abort> aborts) {
                        aborts.forEach(a -> completions.add("abort " + a.message().id()));
                        return super.abort(aborts);
                    }

                    @Override
                    public Set<String> extendLeases(List<Message> messages) {
                        renewals.add(new Renewal(context.configuredName(), Set.copyOf(messages.stream().map(Message::id).toList())));
                        return super.extendLeases(messages);
                    }
                }));
        jobs = new JobManager(queues).addListener(events).addListener(new JobListener() {
            @Override
            public void messageReleased(Queue queue, Message message, ReleaseOptions releaseOptions, Throwable cause) {
                causes.add(cause);
            }

            @Override
            public void messageFailed(Queue queue, Message message, Throwable cause) {
                causes.add(cause);
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        InterruptIgnoringJob.open(name);
        BlockingJob.open(name);
        if (queues != null) {
            queues.close();
        }
        PidThenHangJob.killLeftover(dir.resolve("pid"));
    }

    private static QueueSettings.Builder timeout(double seconds) {
        return QueueSettings.builder().timeout(Duration.ofNanos((long) (seconds * 1e9))).releaseOption("delay", 0);
    }

    @Test
    void aJobSleepingPastTheQueuesTimeout_isInterrupted_releasedThenAbortedWithTheReason() {
        configure(timeout(0.3).maximumNumberOfReleases(1));
        String id = jobs.queue(name, SleepingJob.forAMinute(name));

        WorkerStats stats = Worker.builder(jobs).queues(name).limit(2).build().run();

        assertThat(stats).isEqualTo(new WorkerStats(2, 0, 1, 1, WorkerStats.StopReason.LIMIT));
        assertThat(Recorder.runs(name)).as("interrupted both times: the first interrupt did not stay on the job thread")
                .containsExactly("interrupted", "interrupted");
        assertThat(events.events).contains("released " + id + " delay=PT0S cause=timed out after 0.3 s",
                "failed " + id + " cause=timed out after 0.3 s");
        assertThat(causes).hasSize(2).allSatisfy(cause -> assertThat(cause).isInstanceOf(JobTimeoutException.class)
                .hasCauseInstanceOf(InterruptedException.class)
                .extracting(c -> ((JobTimeoutException) c).timeout()).isEqualTo(Duration.ofMillis(300)));
        MessageInfo info = queues.getQueue(name).find(id).orElseThrow();
        assertThat(info.state()).isEqualTo(MessageState.FAILED);
        assertThat(info.failureReason()).isEqualTo("timed out after 0.3 s");
        assertThat(completions).containsExactly("release " + id, "abort " + id);
    }

    @Test
    void waitAndExecute_timesOutInTheCallersThread_andLeavesItsInterruptClear() {
        configure(timeout(0.3));
        String id = jobs.queue(name, SleepingJob.forAMinute(name));

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO))
                .isInstanceOf(JobExecutionException.class).hasMessageEndingWith("RELEASE")
                .cause().isInstanceOf(JobTimeoutException.class).hasMessage("timed out after 0.3 s");

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(Recorder.runs(name)).containsExactly("interrupted");
        assertThat(completions).containsExactly("release " + id);
    }

    @Test
    void aJobClassTimeout_replacesTheQueues_shorterAndLonger() throws Exception {
        configure(timeout(0.2).maximumNumberOfReleases(0));
        String shorter = jobs.queue(name, new SleepingJob(name, 60_000, 150L));
        String longer = jobs.queue(name, new SleepingJob(name, 600, 60_000L)); // sleeps past the queue's 0.2 s, within its own

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");
        assertThat(jobs.waitAndExecute(name, Duration.ZERO)).map(Message::id).contains(longer);

        assertThat(Recorder.runs(name)).containsExactly("interrupted", "slept");
        assertThat(queues.getQueue(name).find(shorter).orElseThrow().failureReason()).isEqualTo("timed out after 0.15 s");
        assertThat(completions).containsExactly("abort " + shorter, "finish " + longer);
    }

    @Test
    void aJobClassTimeoutThatIsNotPositive_failsTheAttempt_namingTheClassAndTheValue() {
        configure(QueueSettings.builder().maximumNumberOfReleases(0));
        String id = jobs.queue(name, new SleepingJob(name, 0, -1_000L));

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");

        assertThat(Recorder.runs(name)).as("not run").isEmpty();
        assertThat(queues.getQueue(name).find(id).orElseThrow().failureReason()).isEqualTo(
                "IllegalArgumentException: timeout() of job io.jobqueue.testjobs.SleepingJob must be positive or null, was -1 s");
    }

    @Test
    void aJobThatIgnoresTheInterrupt_isAbortedAtItsTimeout_andItsLateReturnChangesNothing() throws Exception {
        configure(timeout(0.3).maximumNumberOfReleases(0).option("leaseTimeout", 0.9)); // renewals every 0.3 s
        String ignoring = jobs.queue(name, new InterruptIgnoringJob(name));
        String blocking = jobs.queue(other, new BlockingJob(name)); // keeps the lease keeper renewing; no timeout there
        Worker worker = Worker.builder(jobs).queues(name, other).concurrency(2).prefetch(0).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);

        await().atMost(Duration.ofSeconds(20)).until(() -> Recorder.runs(name).containsAll(List.of("started", "started " + blocking)));
        await().atMost(Duration.ofSeconds(20)).until(() -> queues.getQueue(name).find(ignoring)
                .filter(info -> info.state() == MessageState.FAILED).isPresent());
        assertThat(queues.getQueue(name).find(ignoring).orElseThrow().failureReason()).isEqualTo("timed out after 0.3 s");
        assertThat(Recorder.runs(name)).as("still spinning").contains("started").doesNotContain("returned");
        assertThat(worker.runningJobs()).as("its thread still runs: it counts").isEqualTo(2);
        assertThat(worker.heartbeat().runningJobs()).isEqualTo(2);
        assertThat(worker.stats().failed()).isEqualTo(1);

        int seen = renewals.size();
        await().atMost(Duration.ofSeconds(20)).until(() -> renewals.size() >= seen + 3);
        List<Renewal> later = new ArrayList<>(renewals.subList(seen + 1, renewals.size())); // the first may have raced the abort
        assertThat(later).as("the keeper goes on renewing the running job's lease, no longer the aborted one's")
                .contains(new Renewal(other, Set.of(blocking)))
                .noneMatch(renewal -> renewal.queue().equals(name) && renewal.ids().contains(ignoring));

        InterruptIgnoringJob.open(name);
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.runningJobs() == 1);
        assertThat(Recorder.runs(name)).contains("returned");
        assertThat(completions).as("its late return finished nothing").containsExactly("abort " + ignoring);

        BlockingJob.open(name);
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.runningJobs() == 0);
        worker.stop();
        WorkerStats stats = run.get(20, TimeUnit.SECONDS);
        assertThat(stats).isEqualTo(new WorkerStats(2, 1, 0, 1, WorkerStats.StopReason.STOPPED));
        assertThat(completions).containsExactly("abort " + ignoring, "finish " + blocking);
    }

    @Test
    void waitAndExecute_ofAJobThatIgnoresTheInterrupt_abortsAtTheTimeout_andThrowsWhenTheJobEnds() throws Exception {
        configure(timeout(0.3).maximumNumberOfReleases(0));
        String id = jobs.queue(name, new InterruptIgnoringJob(name));
        CompletableFuture<Optional<Message>> call = CompletableFuture.supplyAsync(() -> jobs.waitAndExecute(name, Duration.ZERO));

        await().atMost(Duration.ofSeconds(20)).until(() -> completions.contains("abort " + id));
        assertThat(call).as("the caller's thread still runs the job").isNotDone();
        InterruptIgnoringJob.open(name);

        assertThat(call).failsWithin(Duration.ofSeconds(20)).withThrowableThat().havingCause()
                .isInstanceOf(JobExecutionException.class).withMessageEndingWith("ABORTING")
                .havingCause().isInstanceOf(JobTimeoutException.class).withMessage("timed out after 0.3 s");
        assertThat(completions).containsExactly("abort " + id);
    }

    @Test
    void anIsolatedJobPastTheQueuesTimeout_hasItsChildKilled_andFailsWithTheReason() throws Exception {
        configure(QueueSettings.builder().executeIsolated(true).maximumNumberOfReleases(0).timeout(Duration.ofSeconds(4)));
        Path pidFile = dir.resolve("pid");
        String id = jobs.queue(name, new PidThenHangJob(pidFile));

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING")
                .cause().isInstanceOf(JobTimeoutException.class).hasMessage("timed out after 4 s");

        long child = PidThenHangJob.pidIn(pidFile);
        assertThat(child).as("the child ran the job before it timed out").isNotZero().isNotEqualTo(ProcessHandle.current().pid());
        await().atMost(Duration.ofSeconds(20)).until(() -> !PidThenHangJob.alive(child));
        assertThat(queues.getQueue(name).find(id).orElseThrow().failureReason()).isEqualTo("timed out after 4 s");
        assertThat(completions).containsExactly("abort " + id);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "-1        | was -1 ",
            "0         | was 0 ",
            "-0.5      | was -0.5 ",
            "'NaN'     | was 'NaN' ",
            "Infinity  | was 'Infinity' ",
            "-Infinity | was '-Infinity' ",
            "soon      | was 'soon' ",
            "'1e400'   | was '1e400' ",
            "[1]       | was [1] ",
            "1.0e+12   | must be at most 9223372036 seconds (292 years), was 1.0E12 "})
    void aTimeoutThatIsNotAPositiveNumberOfSeconds_stopsStartUp_withOneLineNamingTheQueueAndTheValue(String yaml, String says) {
        String text = "queues:\n  email: {className: memory, timeout: " + yaml + "}\n";

        assertThatThrownBy(() -> JobQueueSettings.fromYaml(text, "jobqueue.yaml"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("'timeout' must be")
                .hasMessageContaining(says.strip() + " for queue 'email' in jobqueue.yaml")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aTimeoutThatIsNaNOrInfinite_inSettingsMadeInCode_stopsStartUpToo() {
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> JobQueueSettings.fromMap(java.util.Map.of("queues",
                    java.util.Map.of("email", java.util.Map.of("className", "memory", "timeout", value))), "application.yml"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("'timeout' must be a positive number of seconds (fractions allowed), was " + value
                            + " for queue 'email' in application.yml");
        }
    }

    @Test
    void aTimeoutInSeconds_isReadWithFractions_mergedOverThePreset_andWrittenBack() {
        JobQueueSettings settings = JobQueueSettings.fromYaml("""
                presets:
                  slow: {className: memory, timeout: 90}
                queues:
                  email: {preset: slow, timeout: "1.5"}
                  reports: {preset: slow}
                  other: {className: memory}
                """, "jobqueue.yaml");
        QueueManager manager = new QueueManager(settings);

        assertThat(manager.getQueueSettings("email").timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(manager.getQueueSettings("reports").timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(manager.getQueueSettings("other").timeout()).isNull();
        assertThat(manager.getQueueSettings("email").toMap()).containsEntry("timeout", 1.5);
        assertThat(manager.getQueueSettings("reports").toMap()).containsEntry("timeout", 90L);
        assertThat(JobTimeoutException.readable(Duration.ofSeconds(120))).isEqualTo("2 min");
        assertThat(JobTimeoutException.readable(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(JobTimeoutException.readable(Duration.ofSeconds(30))).isEqualTo("30 s");
    }

    @Test
    void aTimeoutInCode_mustBePositive() {
        assertThatThrownBy(() -> QueueSettings.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'timeout' must be a positive number of seconds, was 0");
        assertThatThrownBy(() -> QueueSettings.builder().timeout(Duration.ofMillis(-1500)))
                .hasMessage("'timeout' must be a positive number of seconds, was -1.5");
        assertThat(QueueSettings.builder().timeout(Duration.ofSeconds(5)).timeout(null).build().timeout()).isNull();
    }
}
