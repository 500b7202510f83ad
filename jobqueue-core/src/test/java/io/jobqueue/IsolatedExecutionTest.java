package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import io.jobqueue.testjobs.ErrorThrowingJob;
import io.jobqueue.testjobs.ExitingJob;
import io.jobqueue.testjobs.PidThenHangJob;
import io.jobqueue.testjobs.ProcessRecordingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsolatedExecutionTest {

    private final String name = "iso-" + UUID.randomUUID();
    private QueueManager queues;
    private JobManager jobs;
    @TempDir
    Path dir;

    private void configure(QueueSettings.Builder settings) {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, settings
                .className("memory").executeIsolated(true).queueNamePrefix("pre-")
                .releaseOption("delay", 0).build()).build()); // a failed job is ready again at once, no backoff
        jobs = new JobManager(queues);
    }

    @AfterEach
    void tearDown() throws Exception {
        queues.close();
        PidThenHangJob.killLeftover(dir.resolve("pid"));
    }

    @Test
    void runsTheJobInAChildJvmWithAPayloadLargerThanACommandLineAndThePrefixedQueue() throws Exception {
        configure(QueueSettings.builder());
        Path record = dir.resolve("runs.txt");
        String padding = "x".repeat(300 * 1024);
        jobs.queue(name, new ProcessRecordingJob(record, padding, false));

        assertThat(jobs.waitAndExecute(name, Duration.ZERO)).isPresent();

        String[] line = Files.readString(record).trim().split(" ");
        assertThat(Long.parseLong(line[0])).as("pid of the child").isNotEqualTo(ProcessHandle.current().pid());
        assertThat(line[1]).as("the child found the queue by its configured name").isEqualTo("pre-" + name);
        assertThat(line[2]).isEqualTo(Integer.toString(padding.length()));
        assertThat(queues.getQueue(name).countReady() + queues.getQueue(name).countReserved()).isZero();
    }

    @Test
    void aFailureInTheChildIsReleasedThenAbortedWithTheChildsThrowableAsReason() throws Exception {
        configure(QueueSettings.builder().maximumNumberOfReleases(1));
        Path record = dir.resolve("runs.txt");
        jobs.queue(name, new ProcessRecordingJob(record, "", true));

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("RELEASE");
        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");

        assertThat(Files.readAllLines(record)).hasSize(2);
        assertThat(queues.getQueue(name).listFailed(1).get(0).reason()).isEqualTo("IllegalStateException: failed in the child on purpose");
    }

    @Test
    void anErrorThrownInTheChild_isTheReasonWithItsClassAndMessage() {
        configure(QueueSettings.builder().maximumNumberOfReleases(0));
        jobs.queue(name, new ErrorThrowingJob(name, "oom", "Java heap space"));

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");

        assertThat(queues.getQueue(name).listFailed(1).get(0).reason()).isEqualTo("OutOfMemoryError: Java heap space");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void aChildThatExitsWithoutAnAnswer_failsWithItsExitCodeAndTheTailOfItsOutput(int code) {
        configure(QueueSettings.builder().maximumNumberOfReleases(0));
        jobs.queue(name, new ExitingJob(code));

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");

        assertThat(queues.getQueue(name).listFailed(1).get(0).reason())
                .startsWith("isolated child exited with code " + code + " without an answer")
                .contains("exiting with " + code + " on purpose");
    }

    @Test
    void interruptingTheThreadThatWaitsForTheChild_killsTheChild() throws Exception {
        configure(QueueSettings.builder());
        Path pidFile = dir.resolve("pid");
        jobs.queue(name, new PidThenHangJob(pidFile));
        CompletableFuture<Object> execution = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                execution.complete(jobs.waitAndExecute(name, Duration.ZERO));
            } catch (Throwable e) {
                execution.completeExceptionally(e);
            }
        }, "waits-for-the-child");
        thread.setDaemon(true);
        thread.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> PidThenHangJob.pidIn(pidFile) != 0 || execution.isDone());
        long child = PidThenHangJob.pidIn(pidFile);
        assertThat(child).as("the child wrote its pid").isNotZero();

        thread.interrupt();

        await().atMost(Duration.ofSeconds(20)).until(() -> !PidThenHangJob.alive(child));
        assertThatThrownBy(() -> execution.get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(JobExecutionException.class).hasMessageEndingWith("RELEASE");
        assertThat(queues.getQueue(name).countReady()).isEqualTo(1);
    }

    @Test
    void anUnreadablePayloadIsAbortedAtOnce() {
        configure(QueueSettings.builder().maximumNumberOfReleases(3));
        queues.getQueue(name).submit("{\"type\":\"java.lang.Runtime\"}");

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");

        assertThat(queues.getQueue(name).listFailed(1).get(0).reason()).contains("does not implement io.jobqueue.Job");
    }
}
