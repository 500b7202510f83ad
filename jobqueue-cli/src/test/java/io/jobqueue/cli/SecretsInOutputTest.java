package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No secret of the settings is ever printed: not by queue:describe (text and --json), not in an
 * error line, not in a --verbose stack trace, and not in a library's log line on the real stderr.
 * The servers named are real (MariaDB, Redis) or closed ports on 127.0.0.1.
 */
class SecretsInOutputTest {

    private static final List<String> SECRETS = List.of("Secret-One-4711", "Secret-Two-4712", "Secret-Three-4713",
            "Secret-Four-4714", "Secret-Five-4715", "Secret-Six-4716");

    @TempDir
    Path cwd;

    @BeforeEach
    void settings() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  maria:
                    className: jdbc
                    options: {url: "jdbc:mariadb://root:Secret-One-4711@127.0.0.1:3306/test", connectionTimeout: 1}
                  pgssl:
                    className: jdbc
                    options: {url: "jdbc:postgresql://127.0.0.1:1/test?user=x&sslpassword=Secret-Two-4712", connectionTimeout: 1}
                  redisbare:
                    className: redis
                    options: {uri: "redis://Secret-Three-4713@127.0.0.1:abc"}
                  redisport:
                    className: redis
                    options: {uri: "redis://user:Secret-Four-4714@127.0.0.1:6390:x/0"}
                  option:
                    className: jdbc
                    options: {url: "jdbc:postgresql://127.0.0.1:1/test", username: x, password: Secret-Five-4715, connectionTimeout: 1}
                  mysqlform:
                    className: jdbc
                    options: {url: "jdbc:mysql://address=(host=127.0.0.1)(port=1)(user=u)(password=Secret-Six-4716)/db"}
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maria", "pgssl", "redisbare", "redisport", "option", "mysqlform"})
    void noCommandPrintsASecret(String queue) {
        List<Cli.Result> results = new ArrayList<>();
        results.add(Cli.run(cwd, "queue:describe", queue));
        results.add(Cli.run(cwd, "queue:describe", queue, "--json"));
        results.add(Cli.run(cwd, "queue:setup", queue));
        results.add(Cli.run(cwd, "queue:setup", queue, "--verbose"));
        results.add(Cli.run(cwd, "queue:stats", queue, "--verbose"));
        results.add(Cli.run(cwd, "queue:flush", queue, "--force", "--verbose"));
        for (Cli.Result result : results) {
            for (String secret : SECRETS) {
                assertThat(result.toString()).doesNotContain(secret);
            }
        }
        // setup fails: 3 for a server that is not there, 1 for settings the backend cannot read
        assertThat(results.get(2).exitCode()).as(results.get(2).toString()).isIn(1, 3);
    }

    @Test
    void queueList_masksEveryQueuesLocationAndError() {
        Cli.Result result = Cli.run(cwd, "queue:list", "--verbose");
        for (String secret : SECRETS) {
            assertThat(result.toString()).doesNotContain(secret);
        }
    }

    @Test
    void theRealStderr_masksLibraryLogLinesToo() throws Exception {
        Path output = cwd.resolve("out.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                JobQueueCli.class.getName(), "job:work", "maria", "pgssl", "--wait-for-backend", "3", "--verbose"))
                .directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String log = Files.readString(output);
        assertThat(log).contains("maria");
        for (String secret : SECRETS) {
            assertThat(log).doesNotContain(secret);
        }
    }
}
