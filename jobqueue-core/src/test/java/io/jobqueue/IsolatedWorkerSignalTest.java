package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.testjobs.PidThenHangJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process whose isolated child runs a job that never returns: the child dies with the
 * worker, whether the worker stops on SIGTERM after its grace period or is killed with SIGKILL.
 */
class IsolatedWorkerSignalTest {

    @TempDir
    Path dir;

    private Process startWorker(Path pidFile, long graceMillis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), IsolatedWorkerMain.class.getName(),
                pidFile.toString(), Long.toString(graceMillis))
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
    }

    private long awaitChild(Process worker, Path pidFile) throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(() -> PidThenHangJob.pidIn(pidFile) != 0 || !worker.isAlive());
        assertThat(worker.isAlive()).as(log()).isTrue();
        long child = PidThenHangJob.pidIn(pidFile);
        assertThat(child).isNotEqualTo(worker.pid());
        assertThat(PidThenHangJob.alive(child)).as("the child runs").isTrue();
        return child;
    }

    private String log() throws IOException {
        Path log = dir.resolve("worker.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void sigterm_afterTheGracePeriodTheWorkerKillsTheChild_releasesTheMessage_andExits() throws Exception {
        Path pidFile = dir.resolve("pid");
        Process worker = startWorker(pidFile, 300);
        try {
            long child = awaitChild(worker, pidFile);

            worker.destroy(); // SIGTERM

            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as(log()).isTrue();
            assertThat(worker.exitValue()).as(log()).isZero();
            await().atMost(Duration.ofSeconds(20)).until(() -> !PidThenHangJob.alive(child));
            assertThat(log()).contains("stopped WorkerStats[executed=1, succeeded=0, released=1, failed=0, stopReason=STOPPED]",
                    "ready 1");
        } finally {
            worker.destroyForcibly();
            PidThenHangJob.killLeftover(pidFile);
        }
    }

    @Test
    void sigkill_theChildNoticesItsWorkerIsGoneAndDies() throws Exception {
        Path pidFile = dir.resolve("pid");
        Process worker = startWorker(pidFile, 30_000);
        try {
            long child = awaitChild(worker, pidFile);

            worker.destroyForcibly(); // SIGKILL: no code of the worker runs any more

            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> !PidThenHangJob.alive(child));
        } finally {
            worker.destroyForcibly();
            PidThenHangJob.killLeftover(pidFile);
        }
    }
}
