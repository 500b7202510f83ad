package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.cli.testjobs.RecordingJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** job:work submits the recurring jobs of its queues, and takes a changed recurring: section without a restart. */
class RecurringWorkTest {

    @TempDir
    Path cwd;

    private final String first = "first-" + UUID.randomUUID();
    private final String second = "second-" + UUID.randomUUID();

    @BeforeEach
    void clear() {
        SharedMemoryQueueFactory.clear();
    }

    private String settings(String... names) {
        StringBuilder yaml = new StringBuilder("queues:\n  ticks: {className: shared-memory}\nrecurring:\n");
        for (String name : names) {
            yaml.append("  ").append(name).append(": {cron: \"@yearly\", queue: ticks, job: ").append(RecordingJob.class.getName())
                    .append(", data: {name: ").append(name).append("}}\n");
        }
        return yaml.toString();
    }

    @Test
    void jobWork_runsTheLatestTickAtStart_andAnEntryAddedToTheFileLater() throws IOException {
        Path file = cwd.resolve("jobqueue.yaml");
        Files.writeString(file, settings(first));
        CompletableFuture<Cli.Result> work = CompletableFuture.supplyAsync(
                () -> Cli.run(cwd, "job:work", "ticks", "--limit", "2", "--exit-after", "60"));

        await().atMost(20, TimeUnit.SECONDS).until(() -> RecordingJob.RAN.contains(first));
        Files.writeString(file, settings(first, second));
        await().atMost(30, TimeUnit.SECONDS).until(() -> RecordingJob.RAN.contains(second));

        Cli.Result result = work.join();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(RecordingJob.RAN.stream().filter(first::equals)).hasSize(1);
    }

    @Test
    void jobWork_withAnEntryWhoseJobClassIsMissing_exits1WithOneLine() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"),
                "queues:\n  ticks: {className: shared-memory}\nrecurring:\n  gone: {cron: \"@hourly\", queue: ticks, job: com.example.Gone}\n");

        Cli.Result result = Cli.run(cwd, "job:work", "ticks", "--exit-after", "5");

        assertThat(result.exitCode()).isEqualTo(JobQueueCli.EXIT_ERROR);
        assertThat(result.err()).startsWith("Error: recurring job 'gone': job com.example.Gone cannot be made: ");
        assertThat(result.err().lines()).hasSize(1);
    }
}
