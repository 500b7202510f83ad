package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerSignalTest {

    @Test
    void sigtermLetsTheRunningJobFinishTakesNothingNewAndExitsZero() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WorkerSignalMain.class.getName()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("running ")) {
                    process.toHandle().destroy(); // SIGTERM, keeping our end of the pipes open
                }
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as("output: %s", lines).isZero();
        assertThat(lines).filteredOn(l -> l.startsWith("running")).hasSize(1);
        assertThat(lines).contains("stopped WorkerStats[executed=1, succeeded=1, released=0, failed=0, stopReason=STOPPED]",
                "ready 1");
    }
}
