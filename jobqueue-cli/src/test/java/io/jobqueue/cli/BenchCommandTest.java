package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobqueue bench runs the benchmark program on a configured queue. */
class BenchCommandTest {

    @TempDir
    Path cwd;

    @Test
    void bench_measuresAConfiguredQueue_andPrintsOneTableRow() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  fast: {className: memory}\n");

        Cli.Result result = Cli.run(cwd, "bench", "--queue", "fast", "--jobs", "200", "--workers", "2", "--rate", "100",
                "--seconds", "1", "--runs", "1", "--no-warmup");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().lines().toList()).hasSize(3);
        assertThat(result.out().lines().toList().get(2)).startsWith("| memory · fast (N=200, W=2, 100/s for 1 s, 1 run)");
    }

    @Test
    void bench_onAnUnknownQueue_isAnError() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  fast: {className: memory}\n");

        Cli.Result result = Cli.run(cwd, "bench", "--queue", "fats");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: queue 'fats' is not configured, did you mean 'fast'?\n");
    }
}
