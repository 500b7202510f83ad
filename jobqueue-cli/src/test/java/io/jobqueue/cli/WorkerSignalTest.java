package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.JobSerializer;
import io.jobqueue.cli.testjobs.BlockingJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * job:work as its own process, on the embedded default: SIGTERM while a job runs lets the job
 * finish, then the worker says why it quit and exits 0.
 */
class WorkerSignalTest {

    @TempDir
    Path cwd;

    @Test
    void sigterm_letsTheRunningJobFinish_andExits0() throws Exception {
        Path jobFolder = Files.createDirectories(cwd.resolve("job"));
        String payload = JobSerializer.defaultSerializer().serialize(new BlockingJob(jobFolder));
        assertThat(Cli.run(cwd, "queue:submit", "default", payload).exitCode()).isZero();

        Path output = cwd.resolve("worker.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process worker = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                JobQueueCli.class.getName(), "job:work", "default", "--verbose"))
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(jobFolder.resolve("started")) || !worker.isAlive());
            assertThat(worker.isAlive()).as(read(output)).isTrue();

            worker.destroy(); // SIGTERM
            await().atMost(Duration.ofSeconds(30)).until(() -> read(output).contains("SIGTERM")); // the worker logs the signal (--verbose)
            Files.writeString(jobFolder.resolve("release"), "go");

            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as(read(output)).isTrue();
            String log = read(output);
            assertThat(worker.exitValue()).as(log).isZero();
            assertThat(log).contains("Watching queue \"default\"...", "Successfully executed job \"1\"",
                    "Quitting after ", " seconds due to received interruption (executed 1 · succeeded 1 · released 0 · failed 0)");
        } finally {
            worker.destroyForcibly();
        }
        assertThat(Cli.run(cwd, "queue:stats", "default").out()).contains("ready            0\n", "reserved         0\n");
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
