package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobqueue chaos}: small bounded runs with real worker processes killed (and private servers
 * restarted), and the refusals. Each run takes a few seconds to a few tens of seconds.
 */
class ChaosCommandTest {

    @TempDir
    Path cwd;

    @Test
    void chaos_onASqliteEngine_losesNothing_whileWorkersAreKilled() throws IOException {
        Cli.Result result = Cli.run(cwd, "chaos", "--engine", "sqlite", "--jobs", "400", "--workers", "2", "--concurrency", "2",
                "--job-time", "25ms", "--kill-every", "1s", "--timeout", "50s", "--seed", "7", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("backend").asText()).isEqualTo("jdbc");
        assertThat(report.get("submitted").asInt()).isEqualTo(400);
        assertThat(report.get("finished").asInt()).isEqualTo(400);
        assertThat(report.get("lost").asInt()).isZero();
        assertThat(report.get("unexplained").asInt()).isZero();
        assertThat(report.get("mostHolders").asInt()).isEqualTo(1);
        assertThat(report.get("kills").asInt()).as("at least 2.5 s of work, a kill every second").isPositive();
        assertThat(report.get("duplicates").asInt())
                .isEqualTo(report.get("explainedByKill").asInt() + report.get("explainedByRestart").asInt());
    }

    @Test
    void chaos_onTheBuiltInDefault_runsItsOwnQueueOnTheEmbeddedSqliteFile() {
        Cli.Result result = Cli.run(cwd, "chaos", "--jobs", "200", "--workers", "2", "--job-time", "20ms", "--kill-every", "1s",
                "--timeout", "50s");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Chaos: 200 jobs on queue \"chaos\" (SQLite file " + cwd.resolve("var/jobqueue.db"));
        assertThat(result.out()).containsPattern("(?m)^lost +0 +must be 0$")
                .containsPattern("(?m)^most holders +1 ")
                .contains("Passed: nothing lost");
        assertThat(result.err()).doesNotContain("Error");
        assertThat(cwd.resolve("var/jobqueue.db")).exists();
    }

    @Test
    void chaos_onAMemoryQueue_isRefusedInOneLine_forItsWorkersAreOtherProcesses() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  mem: {className: memory}\n");

        Cli.Result result = Cli.run(cwd, "chaos", "--queue", "mem");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Error: queue 'mem' is on the memory backend, which lives in one process: the chaos run's"
                + " workers are other processes and would not see its messages; use a queue on SQLite or a server, or --engine\n");
    }

    @Test
    void chaos_withARedisServerOfItsOwn_restartedWhileWorkersAreKilled_losesNothing() throws IOException {
        requireProgram("redis-server");

        Cli.Result result = Cli.run(cwd, "chaos", "--engine", "redis", "--restart-server", "--restart-every", "3s", "--down-time",
                "500ms", "--jobs", "600", "--workers", "2", "--concurrency", "2", "--job-time", "20ms", "--kill-every", "1500ms",
                "--timeout", "50s", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.get("backend").asText()).isEqualTo("redis");
        assertThat(report.get("where").asText()).startsWith("redis-server on 127.0.0.1:").contains("appendfsync always");
        assertThat(report.get("restarts").asInt()).as("the first restart comes once a quarter of the jobs finished").isPositive();
        assertThat(report.get("lost").asInt()).isZero();
        assertThat(report.get("unexplained").asInt()).isZero();
        assertThat(report.get("unexplainedOverlaps").asInt()).isZero();
    }

    @Test
    void chaos_withABeanstalkdOfItsOwn_restarted_losesNothing() throws IOException {
        requireProgram("beanstalkd");

        Cli.Result result = Cli.run(cwd, "chaos", "--engine", "beanstalkd", "--restart-server", "--down-time", "500ms",
                "--jobs", "600", "--workers", "2", "--concurrency", "2", "--job-time", "20ms", "--kill-every", "1s",
                "--timeout", "50s", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.get("backend").asText()).isEqualTo("beanstalkd");
        assertThat(report.get("restarts").asInt()).isPositive();
        assertThat(report.get("lost").asInt()).isZero();
    }

    @Test
    void chaos_withAPostgresClusterOfItsOwn_crashedAndRestarted_losesNothing() throws IOException {
        Assumptions.assumeTrue(onPath("initdb") || Files.isDirectory(Path.of("/usr/lib/postgresql")), "PostgreSQL's initdb is not installed");

        Cli.Result result = Cli.run(cwd, "chaos", "--engine", "postgres", "--restart-server", "--down-time", "500ms",
                "--jobs", "600", "--workers", "2", "--concurrency", "2", "--job-time", "20ms", "--kill-every", "1500ms",
                "--timeout", "55s", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.get("where").asText()).startsWith("PostgreSQL (");
        assertThat(report.get("restarts").asInt()).isPositive();
        assertThat(report.get("lost").asInt()).isZero();
        assertThat(report.get("unexplained").asInt()).isZero();
    }

    @Test
    void chaos_withAMariaDbServerOfItsOwn_crashedAndRestarted_losesNothing() throws IOException {
        requireProgram("mariadb-install-db");

        Cli.Result result = Cli.run(cwd, "chaos", "--engine", "mariadb", "--restart-server", "--restart-every", "3s",
                "--down-time", "500ms", "--jobs", "1000", "--workers", "2", "--concurrency", "2", "--job-time", "20ms",
                "--kill-every", "1500ms", "--timeout", "55s", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.get("backend").asText()).isEqualTo("jdbc");
        assertThat(report.get("where").asText()).startsWith("mariadbd (").containsPattern("on 127\\.0\\.0\\.1:\\d+, database test,")
                .as("a server of its own, not the shared one").doesNotContain(":3306,");
        assertThat(report.get("restarts").asInt()).as("the first restart comes once a quarter of the jobs finished").isPositive();
        assertThat(report.get("finished").asInt()).isEqualTo(1000);
        assertThat(report.get("lost").asInt()).isZero();
        assertThat(report.get("unexplained").asInt()).isZero();
        assertThat(report.get("unexplainedOverlaps").asInt()).isZero();
    }

    @Test
    void chaos_thatRunsOutOfTime_reportsWhatItHas_andExitsWithTheFailedCheckCode() throws IOException {
        Cli.Result result = Cli.run(cwd, "chaos", "--engine", "sqlite", "--jobs", "2000", "--workers", "1", "--concurrency", "1",
                "--job-time", "50ms", "--timeout", "2s", "--json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ChaosCommand.EXIT_CHECK_FAILED);
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.get("timedOut").asBoolean()).isTrue();
        assertThat(report.get("lost").asInt()).isPositive();
        assertThat(result.err()).contains("Error: the chaos run failed: timed out after 2 s with ")
                .contains("chaos: records, logs and server data are kept in ");
        deleteKeptFolder(result.err());
    }

    @Test
    void chaos_restartsOnlyServersItStartsItself() {
        Cli.Result sqlite = Cli.run(cwd, "chaos", "--engine", "sqlite", "--restart-server");
        Cli.Result configured = Cli.run(cwd, "chaos", "--restart-server");

        assertThat(sqlite.exitCode()).isEqualTo(2);
        assertThat(sqlite.err()).startsWith("Error: --restart-server restarts only a server the run starts itself: use it with"
                + " --engine redis, beanstalkd, postgres or mariadb (sqlite is not restarted)");
        assertThat(configured.exitCode()).isEqualTo(2);
    }

    @Test
    void chaos_withAnUnknownEngine_orBothEngineAndConfig_isABadCommandLine() throws IOException {
        Files.writeString(cwd.resolve("settings.yaml"), "queues:\n  q: {className: memory}\n");

        Cli.Result unknown = Cli.run(cwd, "chaos", "--engine", "rabbit");
        Cli.Result both = Cli.run(cwd, "chaos", "--engine", "sqlite", "--config", "settings.yaml");
        Cli.Result badDuration = Cli.run(cwd, "chaos", "--kill-every", "soon");
        Cli.Result zero = Cli.run(cwd, "chaos", "--kill-every", "0s");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("Error: unknown engine 'rabbit' (one of: redis, beanstalkd, postgres, sqlite, mariadb)");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("Error: give --engine or --config, not both");
        assertThat(badDuration.exitCode()).isEqualTo(2);
        assertThat(badDuration.err()).contains("'soon' is not a duration (say 500ms, 3s, 5m or 1h)");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).startsWith("Error: --kill-every must be above 0");
    }

    @Test
    void chaos_help_namesTheExitCodes_andCreatesNothing() {
        Cli.Result result = Cli.run(cwd, "chaos", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: jobqueue chaos").contains("--engine", "--kill-every", "--restart-server",
                "4 a check failed");
        assertThat(cwd.resolve("var")).doesNotExist();
    }

    private static void requireProgram(String program) {
        Assumptions.assumeTrue(onPath(program), program + " is not on the PATH");
    }

    private static boolean onPath(String program) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, program));
        }
        return found;
    }

    private static void deleteKeptFolder(String err) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("kept in (\\S+)").matcher(err);
        if (m.find()) {
            try (var paths = Files.walk(Path.of(m.group(1)))) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
