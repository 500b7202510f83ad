package io.jobqueue.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The window arithmetic of {@link StartsCheck}, and one real run with two worker processes on SQLite. */
class StartsCheckTest {

    @Test
    void windows_countTheMostStarts_fixedAndSliding() {
        long[] starts = {0, 100, 900, 1_000, 1_100, 1_950, 2_000};

        assertThat(StartsCheck.mostInFixedWindow(starts, 1_000)).as("[1000, 2000) holds 3").isEqualTo(3);
        assertThat(StartsCheck.mostInSlidingWindow(starts, 1_000)).as("[900, 1900) and [1000, 2000) hold 3; [950,1950) too")
                .isEqualTo(3);
        assertThat(StartsCheck.mostInSlidingWindow(new long[] {0, 999, 1_000}, 1_000)).isEqualTo(2);
        assertThat(StartsCheck.mostInFixedWindow(new long[] {5}, 1_000)).isEqualTo(1);
        long[] bursts = {0, 1, 2, 1_000, 1_001, 1_002, 2_000, 2_001, 2_002};
        assertThat(StartsCheck.perSecondOverWholeWindows(bursts, 1_000)).as("3 per 1,000 µs over two whole windows")
                .isEqualTo(3_000.0);
    }

    @Test
    void aRun_withTwoWorkerProcesses_staysWithinTheLimit(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("jobqueue.yaml");
        Files.writeString(config, "queues:\n  rated-starts:\n    className: jdbc\n    options: {path: '" + dir.resolve("q.db")
                + "', rateLimit: 20/1s}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new StartsCheck()).execute("--config", config.toString(), "--queue", "rated-starts", "--jobs", "50",
                    "--processes", "2", "--workers", "2", "--timeout", "60");
        } finally {
            System.setOut(original);
        }
        String row = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("| rated-starts")).findFirst().orElseThrow();
        String[] cells = row.split("\\|");
        assertThat(exit).as("exit code, output: %s", out).isZero();
        assertThat(cells[4].trim()).as("jobs started").isEqualTo("50");
        assertThat(Integer.parseInt(cells[8].trim().replace(",", ""))).as("most starts in any one second: fixed windows of the"
                + " backend's own (not the epoch's) allow up to twice the count across a boundary").isLessThanOrEqualTo(40);
        double perSecond = Double.parseDouble(cells[5].trim().replace(",", ""));
        assertThat(perSecond).as("starts per second over whole windows with a limit of 20 per second (without the limit,"
                + " 50 jobs start within a fraction of a second)").isLessThanOrEqualTo(40);
    }
}
