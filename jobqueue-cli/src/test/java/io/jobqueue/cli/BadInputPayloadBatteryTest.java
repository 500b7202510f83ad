package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jobqueue.JobQueueSettings;
import io.jobqueue.Message;
import io.jobqueue.MessageTooLargeException;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.cli.testjobs.RecordingJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's payload part. First, payloads put with {@code queue:submit} on a SQLite queue and worked
 * by {@code job:work}: each either runs (it is a valid job) or ends as a failed message with its
 * reason, and the worker goes on to a good job submitted after it; nothing is lost. Then sizes
 * against each engine's limit through the Java API: a payload is stored and read back intact, or
 * refused with a {@link MessageTooLargeException} naming the queue, the size and the limit.
 */
class BadInputPayloadBatteryTest {

    private static final String RECORDING = RecordingJob.class.getName();

    @TempDir
    Path cwd;

    private static String recording(String nameJson) {
        return "{\"type\":\"" + RECORDING + "\",\"job\":{\"name\":" + nameJson + "}}";
    }

    /** A case: what it is, the payload, and null when it is a valid job whose name {@code ran} must run, else a part of the failure reason. */
    static Stream<Arguments> payloads() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String mixed = "مرحبا 你好 👩‍👩‍👧 e\u0301\u0308 Ω";
        return Stream.of(
                failing("not JSON", "hello", "hello"),
                failing("truncated JSON", "{\"type\":\"" + RECORDING + "\",\"job\":{\"name\":", "Unexpected end-of-input"),
                failing("JSON that is no object", "[1, 2, 3]", "UnreadablePayloadException: payload names no job type"),
                failing("no type", "{\"job\":{\"name\":\"x\"}}", "type"),
                failing("a type that does not exist", "{\"type\":\"com.acme.NoSuchJob\",\"job\":{}}",
                        "job type com.acme.NoSuchJob is not on the class path"),
                failing("a class that is not a Job", "{\"type\":\"java.lang.String\",\"job\":{}}", "java.lang.String"),
                failing("a raw LF inside a string", recording("\"line\nbreak\""), "CTRL-CHAR"),
                failing("a raw NUL inside a string", recording("\"nul\u0000byte\""), "CTRL-CHAR"),
                failing("deep nesting in a field, 10,000 levels", recording(deep), "Cannot deserialize value of type `java.lang.String` from Array"),
                failing("deep nesting before the type, 10,000 levels", "{\"x\":" + deep + ",\"type\":\"" + RECORDING
                        + "\",\"job\":{\"name\":\"n\"}}", "nesting depth"),
                running("escaped CR/LF inside a string", recording("\"cr\\r\\nlf\""), "cr\r\nlf"),
                running("escaped NUL inside a string", recording("\"nul\\u0000byte\""), "nul\u0000byte"),
                running("mixed scripts, emoji and combining marks", recording(Json.write(mixed)), mixed),
                running("a lone surrogate, escaped", recording("\"cut \\uD83D\""), "cut \uD83D"));
    }

    private static Arguments failing(String what, String payload, String reason) {
        return Arguments.of(what, payload, null, reason);
    }

    private static Arguments running(String what, String payload, String ran) {
        return Arguments.of(what, payload, ran, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void payload_runsOrFailsWithItsReason_andTheWorkerGoesOn(String what, String payload, String ran, String reason)
            throws IOException {
        Path cwd = Files.createDirectories(this.cwd.resolve(java.util.UUID.randomUUID().toString()));
        Files.writeString(cwd.resolve("jobqueue.yaml"),
                "queues:\n  p: {className: jdbc, maximumNumberOfReleases: 0, options: {path: \"" + cwd.resolve("p.db") + "\"}}\n");
        assertThat(Cli.run(cwd, "queue:setup", "p").exitCode()).isZero();
        RecordingJob.RAN.clear();
        String after = "after " + what;

        Cli.Result bad = Cli.run(cwd, "queue:submit", "p", payload);
        Cli.Result good = Cli.run(cwd, "queue:submit", "p", recording(Json.write(after)));
        assertThat(bad.exitCode()).as(bad.toString()).isZero();
        assertThat(good.exitCode()).as(good.toString()).isZero();

        Cli.Result work = Cli.run(cwd, "job:work", "p", "--limit", "2", "--exit-after", "20");

        assertThat(work.exitCode()).as(work.toString()).isZero();
        Cli.Result failed = Cli.run(cwd, "job:failed", "p", "--json");
        if (ran != null) {
            assertThat(RecordingJob.RAN).containsExactly(ran, after);
            assertThat(failed.out()).as(failed.toString()).doesNotContain("\"reason\"");
        } else {
            assertThat(RecordingJob.RAN).containsExactly(after);
            assertThat(failed.out()).as(failed.toString()).contains("\"total\" : 1").contains(reason);
        }
        Cli.Result stats = Cli.run(cwd, "queue:stats", "p");
        assertThat(stats.out()).as(stats.toString()).contains("ready            0\n", "reserved         0\n",
                "failed           " + (ran != null ? 0 : 1) + "\n");
    }

    // sizes against each engine's limit, through the Java API

    private static final int MB = 1024 * 1024;
    private static String biggest;
    private static QueueManager queues;

    static Stream<Arguments> sizes() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String engine : new String[] {"sqlite", "postgresql", "mariadb", "redis", "beanstalkd"}) {
            for (int mb : new int[] {1, 16, 64, 100}) {
                cases.add(Arguments.of(engine, mb));
            }
        }
        return cases.build();
    }

    private static synchronized Queue queue(String engine, Path dir) throws IOException {
        if (queues == null) {
            queues = new QueueManager(JobQueueSettings.fromYaml("""
                    queues:
                      sqlite: {className: jdbc, options: {url: "jdbc:sqlite:%s", tableName: bi_payload_size}}
                      postgresql: {className: jdbc, options: {url: "jdbc:postgresql://127.0.0.1:5432/test", tableName: bi_payload_size}}
                      mariadb: {className: jdbc, options: {url: "jdbc:mariadb://127.0.0.1:3306/test", username: root, tableName: bi_payload_size}}
                      redis: {className: redis, options: {host: 127.0.0.1, port: 6379}, queueNamePrefix: bi-payload-size-}
                      beanstalkd: {className: beanstalkd, options: {host: 127.0.0.1, port: 11300}, queueNamePrefix: bi-payload-size-}
                    """.formatted(dir.resolve("sizes.db")), "test"));
        }
        Queue queue = queues.getQueue(engine);
        queue.setUp();
        queue.flush();
        return queue;
    }

    @TempDir
    static Path sizesDir;

    @AfterAll
    static void dropSizeQueues() throws Exception {
        if (queues != null) {
            for (String engine : queues.queueNames()) {
                try {
                    queues.getQueue(engine).flush();
                } catch (RuntimeException ignored) {
                    // a server that is not running
                }
            }
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test");
                 var s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bi_payload_size");
                s.execute("DROP TABLE IF EXISTS bi_payload_size__unique"); // the backend's table of unique keys
            } catch (java.sql.SQLException ignored) {
                // not running
            }
            try (var c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
                 var s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bi_payload_size");
                s.execute("DROP TABLE IF EXISTS bi_payload_size__unique"); // the backend's table of unique keys
            } catch (java.sql.SQLException ignored) {
                // not running
            }
            queues.close();
            queues = null;
        }
        biggest = null;
    }

    /**
     * Whether a payload of {@code mb} MB fits: SQLite (1 GB strings), PostgreSQL (1 GB text) and Redis
     * (512 MB strings, {@code proto-max-bulk-len}) take all four sizes; beanstalkd takes none (its
     * default {@code -z} of 65,535 bytes); MariaDB takes what its server's {@code max_allowed_packet}
     * leaves room for (16 MB here by default: 1 MB fits, 16 MB of payload plus the statement does not).
     */
    private static boolean fits(String engine, int mb) {
        return switch (engine) {
            case "beanstalkd" -> false;
            case "mariadb" -> (long) mb * MB < maxAllowedPacket();
            default -> true;
        };
    }

    private static long maxAllowedPacket() {
        try (var c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
             var s = c.createStatement(); var r = s.executeQuery("SELECT @@max_allowed_packet")) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The test JVM's heap is the default (a quarter of the machine's memory); a 100 MB payload is
     * one 100 MB Latin-1 string, built once and cut for the smaller sizes, plus what the driver copies.
     */
    @ParameterizedTest(name = "{0}, {1} MB")
    @MethodSource("sizes")
    void bigPayload_isStoredIntact_orRefusedNamingQueueSizeAndLimit(String engine, int mb) throws IOException {
        switch (engine) {
            case "postgresql" -> Services.require("PostgreSQL", 5432);
            case "mariadb" -> Services.require("MariaDB", 3306);
            case "redis" -> Services.require("Redis", 6379);
            case "beanstalkd" -> Services.require("beanstalkd", 11300);
            default -> { }
        }
        if (biggest == null) {
            biggest = "x".repeat(100 * MB);
        }
        String payload = biggest.substring(0, mb * MB);
        Queue queue = queue(engine, sizesDir);
        try {
            long start = System.nanoTime();
            Throwable refused = catchThrowable(() -> queue.submit(payload));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(refused == null).as(engine + " " + mb + " MB: stored (else refused): " + refused).isEqualTo(fits(engine, mb));
            if (refused == null) {
                Optional<Message> back = queue.waitAndTake(Duration.ofSeconds(10));
                assertThat(back).isPresent();
                assertThat(back.get().payload().length()).isEqualTo(payload.length());
                assertThat(back.get().payload().equals(payload)).as("the payload read back is the one stored").isTrue();
            } else {
                assertThat(refused).as(engine + " " + mb + " MB").isInstanceOf(MessageTooLargeException.class)
                        .hasMessageContaining("queue '").hasMessageContaining(engine + "'").hasMessageNotContaining("cannot be reached");
                MessageTooLargeException tooLarge = (MessageTooLargeException) refused;
                assertThat(tooLarge.size()).isGreaterThanOrEqualTo((long) mb * MB);
                assertThat(tooLarge.getMessage()).contains(String.valueOf(tooLarge.size()));
                if (tooLarge.limit() >= 0) {
                    assertThat(tooLarge.limit()).isLessThanOrEqualTo(tooLarge.size()); // a payload of exactly the limit leaves no room for the rest
                    assertThat(tooLarge.getMessage()).contains(String.valueOf(tooLarge.limit()));
                }
                assertThat(queue.counts().ready()).as("nothing of a refused message was stored").isZero();
            }
        } finally {
            queue.flush();
        }
    }
}
