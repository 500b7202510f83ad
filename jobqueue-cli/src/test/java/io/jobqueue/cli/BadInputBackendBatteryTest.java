package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's backend part: a server that is not there (a closed port, an unknown host), a refused
 * login (a wrong MariaDB password, a Redis AUTH to a server without a password). Each, through the
 * command, is one line on stderr naming the queue, where it lives and what was wrong, exit code 3
 * (1 for a login Redis refuses, see the cases), no stack trace and no password. A case gives the
 * server it needs (a port that must listen, or 0).
 */
class BadInputBackendBatteryTest {

    /** Port 1 (tcpmux) has nothing listening on a test machine; connecting to it is refused at once. */
    private static final String CLOSED = "1";
    private static final String SECRET = "bad-input-secret-9f4c";

    @TempDir
    Path cwd;

    static Stream<Arguments> backends() {
        return Stream.of(
                backend("PostgreSQL on a closed port", 0,
                        "{className: jdbc, options: {url: \"jdbc:postgresql://127.0.0.1:" + CLOSED + "/test\", username: u, password: "
                                + SECRET + ", connectionTimeout: 2}}",
                        new String[] {"cannot read queue 'q' at jdbc:postgresql://127.0.0.1:1/test"}, "queue:stats", "q"),
                backend("MariaDB on a closed port", 0,
                        "{className: jdbc, options: {url: \"jdbc:mariadb://127.0.0.1:" + CLOSED + "/test\", username: root, password: "
                                + SECRET + ", connectionTimeout: 2}}",
                        new String[] {"cannot read queue 'q' at jdbc:mariadb://127.0.0.1:1/test"}, "queue:stats", "q"),
                backend("PostgreSQL on a closed port, submit", 0,
                        "{className: jdbc, options: {url: \"jdbc:postgresql://127.0.0.1:" + CLOSED + "/test\", password: " + SECRET
                                + ", connectionTimeout: 2}}",
                        new String[] {"queue 'q'", "jdbc:postgresql://127.0.0.1:1/test"}, "queue:submit", "q", "x"),
                backend("PostgreSQL on a closed port, worker", 0,
                        "{className: jdbc, options: {url: \"jdbc:postgresql://127.0.0.1:" + CLOSED + "/test\", password: " + SECRET
                                + ", connectionTimeout: 2}}",
                        new String[] {"cannot work on queue 'q' at jdbc:postgresql://127.0.0.1:1/test"},
                        "job:work", "q", "--wait-for-backend", "0"),
                backend("Redis on a closed port", 0,
                        "{className: redis, options: {host: 127.0.0.1, port: " + CLOSED + ", password: " + SECRET + "}}",
                        new String[] {"queue 'q'", "127.0.0.1:1"}, "queue:stats", "q"),
                backend("Redis on a closed port, worker", 0,
                        "{className: redis, options: {host: 127.0.0.1, port: " + CLOSED + "}}",
                        new String[] {"cannot work on queue 'q'", "127.0.0.1:1"}, "job:work", "q", "--wait-for-backend", "0"),
                backend("beanstalkd on a closed port", 0,
                        "{className: beanstalkd, options: {host: 127.0.0.1, port: " + CLOSED + "}}",
                        new String[] {"queue 'q'", "127.0.0.1:1"}, "queue:stats", "q"),
                backend("beanstalkd on a closed port, submit", 0,
                        "{className: beanstalkd, options: {host: 127.0.0.1, port: " + CLOSED + "}}",
                        new String[] {"queue 'q'", "127.0.0.1:1"}, "queue:submit", "q", "x"),
                backend("beanstalkd on a closed port, worker", 0,
                        "{className: beanstalkd, options: {host: 127.0.0.1, port: " + CLOSED + "}}",
                        new String[] {"cannot work on queue 'q'", "127.0.0.1:1"}, "job:work", "q", "--wait-for-backend", "0"),
                backend("wrong MariaDB password", 3306,
                        "{className: jdbc, options: {url: \"jdbc:mariadb://127.0.0.1:3306/test\", username: root, password: wrong, "
                                + "tableName: bi_battery_wrong_pw}}",
                        new String[] {"queue 'q'", "jdbc:mariadb://127.0.0.1:3306/test", "refused the login of user 'root'"},
                        "queue:stats", "q"),
                backend("wrong MariaDB password, worker", 3306,
                        "{className: jdbc, options: {url: \"jdbc:mariadb://127.0.0.1:3306/test\", username: root, password: " + SECRET
                                + ", tableName: bi_battery_wrong_pw}}",
                        new String[] {"cannot work on queue 'q'", "refused the login of user 'root'"},
                        "job:work", "q", "--wait-for-backend", "0"),
                // exit 1, not cli.md's 3 for a refused login: the redis backend refuses the credentials while the
                // queue is built, as a ConfigurationException (docs/redis.md), which the command reports as settings
                redisLogin("Redis AUTH of a user that does not exist", 6379,
                        "{className: redis, options: {host: 127.0.0.1, port: 6379, username: bi-no-such-user, password: " + SECRET + "}}",
                        new String[] {"Redis at 127.0.0.1:6379 refused the username or password of queue 'q'"}, "queue:stats", "q"),
                redisLogin("Redis AUTH of a user that does not exist, submit", 6379,
                        "{className: redis, options: {host: 127.0.0.1, port: 6379, username: bi-no-such-user, password: " + SECRET + "}}",
                        new String[] {"Redis at 127.0.0.1:6379 refused the username or password of queue 'q'"}, "queue:submit", "q", "x"),
                backend("unknown host, PostgreSQL", 0,
                        "{className: jdbc, options: {url: \"jdbc:postgresql://no-such-host.invalid:5432/test\", password: " + SECRET
                                + ", connectionTimeout: 2}}",
                        new String[] {"queue 'q'", "no-such-host.invalid"}, "queue:stats", "q"),
                backend("unknown host, Redis", 0,
                        "{className: redis, options: {host: no-such-host.invalid, port: 6379}}",
                        new String[] {"queue 'q'", "no-such-host.invalid"}, "queue:stats", "q"),
                backend("unknown host, beanstalkd", 0,
                        "{className: beanstalkd, options: {host: no-such-host.invalid, port: 11300}}",
                        new String[] {"queue 'q'", "no-such-host.invalid"}, "queue:stats", "q"));
    }

    private static Arguments backend(String what, int needs, String queue, String[] fragments, String... args) {
        return Arguments.of(what, needs, queue, 3, fragments, args);
    }

    private static Arguments redisLogin(String what, int needs, String queue, String[] fragments, String... args) {
        return Arguments.of(what, needs, queue, 1, fragments, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void unusableBackend_isOneLineNamingQueueAndServer_nonZeroExit_noTraceNoPassword(String what, int needs, String queue,
            int exitCode, String[] fragments, String[] args) throws IOException {
        if (needs != 0) {
            Services.require(what, needs);
        }
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  q: " + queue + "\n");

        long start = System.nanoTime();
        Cli.Result result = Cli.run(cwd, args);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err()).as(result.toString()).startsWith("Error: ").endsWith("\n").contains(fragments);
        assertThat(result.err().strip()).as(result.toString()).doesNotContain("\n");
        assertThat(result.err()).as(result.toString()).doesNotContain(SECRET).doesNotContain("password: wrong")
                .doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(result.toString()).isLessThan(Duration.ofSeconds(15));
    }

    /**
     * A password given to a Redis that has none is not refused: the client authenticates with
     * {@code HELLO 3 AUTH default <password>}, and Redis lets its {@code nopass} default user in with
     * any password (only the one-argument {@code AUTH <password>} is an error there). So this
     * "wrong AUTH" works, and the password is still never printed.
     */
    @ParameterizedTest(name = "Redis AUTH on a server without a password: {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"queue:stats", "queue:submit"})
    void redisPassword_onAServerWithoutOne_isAccepted_andNotPrinted(String command) throws IOException {
        Services.require("Redis", 6379);
        Files.writeString(cwd.resolve("jobqueue.yaml"),
                "queues:\n  bi_backend_auth: {className: redis, options: {host: 127.0.0.1, port: 6379, password: " + SECRET + "}}\n");
        Cli.Result result = command.equals("queue:submit") ? Cli.run(cwd, command, "bi_backend_auth", "x") : Cli.run(cwd, command, "bi_backend_auth");
        try {
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out() + result.err()).doesNotContain(SECRET);
        } finally {
            assertThat(Cli.run(cwd, "queue:flush", "bi_backend_auth", "--force").exitCode()).isZero();
        }
    }
}
