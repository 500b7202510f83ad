package io.jobqueue.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        return BenchMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void tinyRunAgainstInMemoryQueue_printsHeaderAndOneRowWithFiguresAndNothingLostOrTwice() {
        int exit = bench("--jobs", "200", "--workers", "2", "--rate", "100", "--seconds", "1", "--runs", "1",
                "--no-warmup", "--patience", "20");

        assertThat(exit).as("exit code; progress was:%n%s", err).isZero();
        String[] lines = out.toString().strip().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("| configuration | submit 1-by-1 (jobs/s) |");
        String[] cells = cells(lines[2]);
        assertThat(cells[0]).isEqualTo("memory · bench (N=200, W=2, 100/s for 1 s, 1 run)");
        assertThat(cells[1]).as("submit 1-by-1").matches("[0-9][0-9,]*");
        assertThat(cells[2]).as("submit batched").matches("[0-9][0-9,]*");
        assertThat(cells[3]).as("process").matches("[0-9][0-9,]*");
        assertThat(cells[4]).as("latency").matches("[0-9.,]+ / [0-9.,]+ / [0-9.,]+");
        assertThat(cells[5]).as("lost").isEqualTo("0");
        assertThat(cells[6]).as("twice").isEqualTo("0");
    }

    @Test
    void only_measuresTheChosenPhaseAndDashesTheOthers() {
        int exit = bench("--jobs", "100", "--workers", "2", "--runs", "1", "--no-warmup", "--only", "process",
                "--label", "tiny", "--no-header");

        assertThat(exit).isZero();
        String[] cells = cells(out.toString().strip());
        assertThat(cells).containsExactly("tiny", "–", "–", cells[3], "–", "0", "0");
        assertThat(cells[3]).matches("[0-9][0-9,]*");
    }

    @Test
    void queueThatLosesAndDuplicatesJobs_endsBoundedWithCountsAndExitCode1(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("jobqueue.yaml"),
                "queues:\n  broken: {className: losing-and-duplicating}\n");

        int exit = bench("--config", config.toString(), "--queue", "broken", "--jobs", "200", "--workers", "2",
                "--rate", "100", "--seconds", "1", "--runs", "1", "--no-warmup", "--patience", "1");

        assertThat(exit).as("exit code; progress was:%n%s", err).isEqualTo(1);
        String[] cells = cells(out.toString().strip().split("\\R")[2]);
        assertThat(Long.parseLong(cells[5])).as("lost").isPositive();
        assertThat(Long.parseLong(cells[6])).as("twice").isPositive();
    }

    @Test
    void markdownHeader_printsTheHeaderOnly() {
        assertThat(bench("--markdown-header")).isZero();

        assertThat(out.toString().strip()).isEqualTo(BenchResult.HEADER);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void badNumber_isAUsageErrorNamingTheOption() {
        assertThat(bench("--workers", "0")).isEqualTo(2);

        assertThat(err.toString()).contains("--workers must be at least 1");
    }

    @Test
    void missingConfigFile_isOneLineAndExitCode3() {
        assertThat(bench("--config", "does-not-exist.yaml")).isEqualTo(3);

        assertThat(err.toString().strip()).startsWith("jobqueue-bench: ").doesNotContain("\n");
    }

    private static String[] cells(String row) {
        String inner = row.substring(row.indexOf('|') + 1, row.lastIndexOf('|'));
        String[] cells = inner.split("\\|");
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }
}
