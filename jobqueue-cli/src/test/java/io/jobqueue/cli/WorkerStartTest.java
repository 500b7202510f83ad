package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jobqueue.JobSerializer;
import io.jobqueue.cli.testjobs.RecordingJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code job:work} at start, one test per exit code: it fails with one line and exit code 3 when a
 * backend cannot be used (unreachable, a table never created, an SQLite file that does not exist)
 * once {@code --wait-for-backend} is over, starts when the backend comes within the wait, and keeps
 * 1 for settings that cannot work and 2 for a bad command line.
 */
class WorkerStartTest {

    private static final String POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Duration NO_WAITING = Duration.ofSeconds(60);

    @TempDir
    Path cwd;

    private final String table = "never_created_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @AfterEach
    void dropTable() throws Exception {
        if (Files.exists(cwd.resolve("uses-postgresql"))) {
            try (Connection c = DriverManager.getConnection(POSTGRESQL + "?user=postgres"); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private void settings(String yaml) throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), yaml);
    }

    private void usesPostgresql() throws IOException {
        Services.require("PostgreSQL", Services.POSTGRESQL);
        Files.writeString(cwd.resolve("uses-postgresql"), "");
        settings("queues:\n  never:\n    className: jdbc\n    options: {url: \"" + POSTGRESQL + "\", username: postgres,"
                + " tableName: " + table + ", autoSetUp: false}\n");
    }

    private static void assertOneLine(Cli.Result result, int exitCode, String start) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err().lines()).as(result.toString()).hasSize(1);
        assertThat(result.err()).startsWith(start);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void exit0_atExitAfter_whenTheBackendCanBeUsed() throws IOException {
        settings("queues:\n  email: {className: memory}\n");

        Cli.Result result = Cli.run(cwd, "job:work", "email", "--exit-after", "0.2", "--wait-for-backend", "0");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void exit1_forSettingsThatCannotWork_atOnce_withoutWaiting() throws IOException {
        settings("queues:\n  typo: {className: memroy}\n");

        Cli.Result result = assertTimeoutPreemptively(NO_WAITING,
                () -> Cli.run(cwd, "job:work", "typo", "--wait-for-backend", "600"));

        assertOneLine(result, 1, "Error: unknown backend 'memroy' for queue 'typo', did you mean 'memory'?");
    }

    @Test
    void exit2_forANegativeWait() throws IOException {
        settings("queues:\n  email: {className: memory}\n");

        Cli.Result result = Cli.run(cwd, "job:work", "email", "--wait-for-backend", "-1");

        assertOneLine(result, 2, "Error: --wait-for-backend must be a number of seconds from 0 to 1000000000, was -1.0 (see 'jobqueue job:work --help')");
    }

    @Test
    void exit3_whenPostgresqlCannotBeReached_namingTheQueueAndTheUrl_withoutThePassword() throws IOException {
        int port = Services.unusedPort();
        settings("queues:\n  down:\n    className: jdbc\n    options: {url: \"jdbc:postgresql://127.0.0.1:" + port
                + "/test\", username: app, password: s3cret-pw, connectionTimeout: 1}\n");

        Cli.Result result = Cli.run(cwd, "job:work", "down", "--wait-for-backend", "0");

        assertOneLine(result, 3, "Error: cannot work on queue 'down' at jdbc:postgresql://127.0.0.1:" + port
                + "/test: connection refused");
        assertThat(result.err()).doesNotContain("s3cret-pw", "recover expired");
    }

    @Test
    void exit3_afterTheWait_whenRedisCannotBeReached_sayingHowLongItWaited() throws IOException {
        int port = Services.unusedPort();
        settings("queues:\n  down: {className: redis, options: {uri: \"redis://127.0.0.1:" + port + "\"}}\n");

        Cli.Result result = Cli.run(cwd, "job:work", "down", "--wait-for-backend", "0.5");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().lines().toList()).as(result.toString()).last().asString()
                .isEqualTo("Error: cannot work on queue 'down' at redis://127.0.0.1:" + port
                        + ": connection refused (waited 500 ms; --wait-for-backend or worker: waitForBackend sets how long)");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void theWaitComesFromTheWorkerSection_whenNoFlagGivesIt() throws IOException {
        int port = Services.unusedPort();
        settings("worker: {waitForBackend: 0.3}\nqueues:\n  down: {className: redis, options: {uri: \"redis://127.0.0.1:" + port + "\"}}\n");

        Cli.Result result = assertTimeoutPreemptively(NO_WAITING, () -> Cli.run(cwd, "job:work", "down"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().lines().toList()).as(result.toString()).last().asString()
                .endsWith(": connection refused (waited 300 ms; --wait-for-backend or worker: waitForBackend sets how long)");
    }

    @Test
    void exit3_whenBeanstalkdCannotBeReached() throws IOException {
        int port = Services.unusedPort();
        settings("queues:\n  down: {className: beanstalkd, options: {host: 127.0.0.1, port: " + port + "}}\n");

        Cli.Result result = Cli.run(cwd, "job:work", "down", "--wait-for-backend", "0");

        assertOneLine(result, 3, "Error: cannot work on queue 'down' at 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void exit3_whenTheQueueTableWasNeverCreated_andAutoSetUpIsOff() throws IOException {
        usesPostgresql();

        Cli.Result result = Cli.run(cwd, "job:work", "never", "--wait-for-backend", "0");

        assertOneLine(result, 3, "Error: cannot work on queue 'never' at " + POSTGRESQL + ": ");
        assertThat(result.err()).contains("'" + table + "' does not exist", "jobqueue queue:setup never");
    }

    @Test
    void exit3_atOnce_whenItsSqliteFileDoesNotExist_andCreatesNothing() throws IOException {
        settings("queues:\n  lite: {className: jdbc, options: {path: \"" + cwd.resolve("data/lite.db") + "\"}}\n");

        Cli.Result result = assertTimeoutPreemptively(NO_WAITING,
                () -> Cli.run(cwd, "job:work", "lite", "--wait-for-backend", "600"));

        assertOneLine(result, 3, "Error: cannot work on queue 'lite': it is not set up: its SQLite file "
                + cwd.resolve("data/lite.db") + " does not exist (run 'jobqueue queue:setup lite' to create it)");
        assertThat(cwd.resolve("data")).doesNotExist();
    }

    @Test
    void startsOnceTheTableIsCreatedWithinTheWait_andThenWorks() throws Exception {
        usesPostgresql();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> worker = CompletableFuture.supplyAsync(() -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                return JobQueueCli.run(new String[] {"job:work", "never", "--limit", "1", "--wait-for-backend", "120"},
                        o, e, Map.of(), cwd);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> err.toString(StandardCharsets.UTF_8).contains("Waiting up to 120 s"));
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Waiting up to 120 s for queue 'never' to be usable: "
                    + "cannot work on queue 'never' at " + POSTGRESQL + ": ");

            assertThat(Cli.run(cwd, "queue:setup", "never").exitCode()).isZero();
            assertThat(Cli.run(cwd, "queue:submit", "never",
                    JobSerializer.defaultSerializer().serialize(new RecordingJob("after-wait-" + table))).exitCode()).isZero();

            assertThat(worker.get(60, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(RecordingJob.RAN).contains("after-wait-" + table);
        } finally {
            worker.cancel(true);
        }
    }
}
