package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.JobSerializer;
import io.jobqueue.cli.testjobs.RecordingJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delayed messages are visible: queue:stats counts them, job:list lists them with their due time,
 * and a backend that cannot list them, or cannot give the age of the oldest ready message, says so.
 */
class DelayedMessagesTest {

    private static final JobSerializer SERIALIZER = JobSerializer.defaultSerializer();
    private static final String DELAY_AN_HOUR = "{\"delay\": 3600}";

    @TempDir
    Path cwd;

    private final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeEach
    void clear() {
        SharedMemoryQueueFactory.clear();
    }

    private void settings(String queue, String line) throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  " + queue + ": " + line + "\n");
    }

    private void submit(String queue, String name, String options) {
        Cli.Result result = options == null
                ? Cli.run(cwd, "queue:submit", queue, SERIALIZER.serialize(new RecordingJob(name)))
                : Cli.run(cwd, "queue:submit", queue, SERIALIZER.serialize(new RecordingJob(name)), "--options", options);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void queueStats_countsADelayedMessage_whenNoneIsReady() throws IOException {
        settings("later", "{className: shared-memory}");
        submit("later", "a", DELAY_AN_HOUR);

        Cli.Result result = Cli.run(cwd, "queue:stats", "later");

        assertThat(result.out()).contains("ready            0\n", "delayed          1\n", "oldest ready     none ready\n");
    }

    @Test
    void jobList_listsDelayedMessagesAfterTheReadyOnes_withTheirDueTime() throws IOException {
        settings("later", "{className: shared-memory}");
        submit("later", "now", null);
        submit("later", "soon", "{\"delay\": 600}");
        submit("later", "later", DELAY_AN_HOUR);

        Cli.Result result = Cli.run(cwd, "job:list", "later");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("""
                record now
                \\(1 total\\)
                DUE AT +DELAYED JOB
                \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z  record soon
                \\(1 omitted\\) \\.\\.\\.
                \\(2 delayed\\)
                """);
    }

    @Test
    void jobList_json_hasTheDelayedMessages() throws IOException {
        settings("later", "{className: shared-memory}");
        submit("later", "soon", DELAY_AN_HOUR);

        Cli.Result result = Cli.run(cwd, "job:list", "later", "--json");

        assertThat(result.out()).contains("\"total\" : 0", "\"label\" : \"record soon\"", "\"dueAt\" : \"", "\"delayedTotal\" : 1");
    }

    @Test
    void onPostgresql_aDelayedMessageIsCountedAndListed() throws Exception {
        Services.require("PostgreSQL", Services.POSTGRESQL);
        String table = "delayed_" + id;
        settings("pg", "{className: jdbc, options: {url: \"jdbc:postgresql://127.0.0.1:5432/test\", username: postgres,"
                + " tableName: " + table + "}}");
        try {
            assertThat(Cli.run(cwd, "queue:setup", "pg").exitCode()).isZero();
            submit("pg", "pg-later", DELAY_AN_HOUR);

            assertThat(Cli.run(cwd, "queue:stats", "pg").out()).contains("ready            0\n", "delayed          1\n");
            assertThat(Cli.run(cwd, "job:list", "pg").out()).contains("(0 total)\n", "record pg-later\n", "(1 delayed)\n");

            submit("pg", "pg-now", null);
            assertThat(Cli.run(cwd, "queue:stats", "pg").out()).containsPattern("oldest ready     \\d+(\\.\\d)? m?s\n");
        } finally {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
                 Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    @Test
    void onBeanstalkd_delayedMessagesAreCounted_notListed_andTheOldestReadyAgeIsNotSupported() throws IOException {
        Services.require("beanstalkd", Services.BEANSTALKD);
        settings("bs", "{className: beanstalkd, options: {host: 127.0.0.1, port: 11300}, queueNamePrefix: cli-delayed-" + id + "-}");
        try {
            submit("bs", "bs-later", DELAY_AN_HOUR);
            submit("bs", "bs-now", null);

            Cli.Result list = Cli.run(cwd, "job:list", "bs");
            assertThat(list.exitCode()).as(list.toString()).isZero();
            assertThat(list.out()).endsWith("(1 total)\ndelayed messages: 1, not listed by beanstalkd\n");

            Cli.Result stats = Cli.run(cwd, "queue:stats", "bs");
            assertThat(stats.out()).contains("ready            1\n", "delayed          1\n",
                    "oldest ready     not supported by beanstalkd\n");
        } finally {
            Cli.run(cwd, "queue:flush", "bs", "--force");
        }
    }

    @Test
    void onRedis_delayedMessagesAreListed() throws IOException {
        Services.require("Redis", Services.REDIS);
        settings("rd", "{className: redis, options: {uri: \"redis://127.0.0.1:6379\"}, queueNamePrefix: cli-delayed-" + id + "-}");
        try {
            submit("rd", "rd-later", DELAY_AN_HOUR);

            assertThat(Cli.run(cwd, "job:list", "rd").out()).contains("(0 total)\n", "record rd-later\n", "(1 delayed)\n");
            assertThat(Cli.run(cwd, "queue:stats", "rd").out()).contains("ready            0\n", "delayed          1\n");
        } finally {
            Cli.run(cwd, "queue:flush", "rd", "--force");
        }
    }
}
