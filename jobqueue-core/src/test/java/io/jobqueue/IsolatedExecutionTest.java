package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.testjobs.ProcessRecordingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolatedExecutionTest {

    private final String name = "iso-" + UUID.randomUUID();
    private QueueManager queues;
    private JobManager jobs;
    @TempDir
    Path dir;

    private void configure(QueueSettings.Builder settings) {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, settings
                .className("memory").executeIsolated(true).queueNamePrefix("pre-").build()).build());
        jobs = new JobManager(queues);
    }

    @AfterEach
    void tearDown() {
        queues.close();
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
    void aFailureInTheChildIsReleasedThenAbortedWithTheChildsOutputAsReason() throws Exception {
        configure(QueueSettings.builder().maximumNumberOfReleases(1));
        Path record = dir.resolve("runs.txt");
        jobs.queue(name, new ProcessRecordingJob(record, "", true));

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("RELEASE");
        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");

        assertThat(Files.readAllLines(record)).hasSize(2);
        assertThat(queues.getQueue(name).listFailed(1).get(0).reason()).contains("failed in the child on purpose");
    }

    @Test
    void anUnreadablePayloadIsAbortedAtOnce() {
        configure(QueueSettings.builder().maximumNumberOfReleases(3));
        queues.getQueue(name).submit("{\"type\":\"java.lang.Runtime\"}");

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");

        assertThat(queues.getQueue(name).listFailed(1).get(0).reason()).contains("does not implement io.jobqueue.Job");
    }
}
