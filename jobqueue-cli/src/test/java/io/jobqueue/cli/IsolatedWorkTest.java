package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.JobSerializer;
import io.jobqueue.cli.testjobs.ExitingJob;
import io.jobqueue.cli.testjobs.PidThenHangJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code job:work} on an isolated queue of the SQLite backend, as a reviewer runs it: the child JVM
 * dies with its worker (SIGTERM after the grace period, SIGKILL) and with its lease (the message
 * flushed from under it), and a child that exits without an answer is a failure that says so.
 */
class IsolatedWorkTest {

    @TempDir
    Path cwd;
    private Path pidFile;

    @BeforeEach
    void settings() throws IOException {
        pidFile = cwd.resolve("pid");
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  iso:
                    className: jdbc
                    executeIsolated: true
                    releaseOptions: {delay: 0}   # a killed child's message is ready again at once
                    options: {path: "%s", leaseTimeout: 3}
                  once:
                    className: jdbc
                    executeIsolated: true
                    maximumNumberOfReleases: 0
                    options: {path: "%s"}
                """.formatted(cwd.resolve("iso.db"), cwd.resolve("once.db")));
        for (String queue : List.of("iso", "once")) {
            Cli.Result setup = Cli.run(cwd, "queue:setup", queue);
            assertThat(setup.exitCode()).as(setup.toString()).isZero();
        }
    }

    @AfterEach
    void noChildLeftBehind() throws IOException {
        PidThenHangJob.killLeftover(pidFile);
    }

    private void submit(String queue, io.jobqueue.Job job) {
        Cli.Result result = Cli.run(cwd, "queue:submit", queue, JobSerializer.defaultSerializer().serialize(job));
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private Process startWorker(String... extra) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                JobQueueCli.class.getName(), "job:work", "iso", "--verbose"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(cwd.resolve("worker.log").toFile()).start();
    }

    private long awaitChild(Process worker) throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(() -> PidThenHangJob.pidIn(pidFile) != 0 || !worker.isAlive());
        assertThat(worker.isAlive()).as(log()).isTrue();
        long child = PidThenHangJob.pidIn(pidFile);
        assertThat(PidThenHangJob.alive(child)).as("the child runs").isTrue();
        return child;
    }

    private String log() throws IOException {
        Path log = cwd.resolve("worker.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void aJobCallingSystemExit0_isAFailureWhoseReasonNamesTheExitCode() {
        submit("once", new ExitingJob(0));

        Cli.Result work = Cli.run(cwd, "job:work", "once", "--limit", "1", "--verbose");

        assertThat(work.exitCode()).as(work.toString()).isZero();
        assertThat(work.out()).contains("failed (1/1 trials) - ABORTING",
                "Reason: isolated child exited with code 0 without an answer; its output ended with: exiting with 0 on purpose");
        assertThat(Cli.run(cwd, "job:failed", "once", "--json").out())
                .contains("\"reason\" : \"isolated child exited with code 0 without an answer");
    }

    @Test
    void sigterm_theWorkerKillsTheChildAfterTheGracePeriod_andTheMessageIsReadyAgain() throws Exception {
        submit("iso", new PidThenHangJob(pidFile));
        Process worker = startWorker("--grace-period", "0.5");
        try {
            long child = awaitChild(worker);

            worker.destroy(); // SIGTERM

            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as(log()).isTrue();
            assertThat(worker.exitValue()).as(log()).isZero();
            await().atMost(Duration.ofSeconds(20)).until(() -> !PidThenHangJob.alive(child));
            assertThat(log()).contains("executed 1 · succeeded 0 · released 1 · failed 0");
        } finally {
            worker.destroyForcibly();
        }
        assertThat(Cli.run(cwd, "queue:stats", "iso").out()).contains("ready            1\n", "reserved         0\n");
    }

    @Test
    void sigkill_theChildDiesWithItsWorker() throws Exception {
        submit("iso", new PidThenHangJob(pidFile));
        Process worker = startWorker();
        try {
            long child = awaitChild(worker);

            worker.destroyForcibly(); // SIGKILL

            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> !PidThenHangJob.alive(child));
        } finally {
            worker.destroyForcibly();
        }
    }

    @Test
    void aMessageFlushedFromUnderItsRunningJob_killsTheChild_andTheWorkerGoesOn() throws Exception {
        submit("iso", new PidThenHangJob(pidFile));
        Process worker = startWorker();
        try {
            long child = awaitChild(worker);

            Cli.Result flush = Cli.run(cwd, "queue:flush", "iso", "--force");
            assertThat(flush.exitCode()).as(flush.toString()).isZero();

            await().atMost(Duration.ofSeconds(30)).until(() -> !PidThenHangJob.alive(child));
            assertThat(worker.isAlive()).as(log()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> log().contains("Lost the lease of message 1 of queue iso"));

            worker.destroy();
            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as(log()).isTrue();
            assertThat(worker.exitValue()).as(log()).isZero();
            assertThat(log()).contains("executed 1 · succeeded 0 · released 0 · failed 0");
        } finally {
            worker.destroyForcibly();
        }
    }
}
