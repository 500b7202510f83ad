package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.JobSerializer;
import io.jobqueue.cli.testjobs.RecordingJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** queue:list, queue:describe, queue:setup, queue:flush, queue:submit and queue:stats, run as a user runs them. */
class QueueCommandsTest {

    @TempDir
    Path cwd;

    @BeforeEach
    void settings() throws IOException {
        SharedMemoryQueueFactory.clear();
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  email: {className: shared-memory}
                  reports: {className: shared-memory, queueNamePrefix: staging-}
                """);
    }

    @Test
    void queueList_showsEveryQueueInSettingsOrder_withPrefixedNameBackendAndCounts() {
        SharedMemoryQueueFactory.queue("email").submit("a");
        SharedMemoryQueueFactory.queue("email").submit("b");

        Cli.Result result = Cli.run(cwd, "queue:list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                QUEUE    BACKEND  READY  DELAYED  RESERVED  FAILED  NAME IN BACKEND
                email    memory       2        0         0       0  email
                reports  memory       0        0         0       0  staging-reports
                """);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void queueList_showsTheErrorOfABrokenQueueInItsRow_printsTheOthers_andExits1() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  broken: {className: shared-memroy}
                  email: {className: shared-memory}
                """);

        Cli.Result result = Cli.run(cwd, "queue:list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out().lines()).hasSize(3);
        assertThat(result.out().lines().toList().get(0)).contains("STATUS");
        assertThat(result.out().lines().toList().get(1))
                .startsWith("broken").contains("shared-memroy", "unknown backend 'shared-memroy'", "did you mean 'shared-memory'?");
        assertThat(result.out().lines().toList().get(2)).startsWith("email").contains("memory", "0");
    }

    @Test
    void queueList_json_givesOneObjectPerQueue() {
        SharedMemoryQueueFactory.queue("email").submit("a");

        Cli.Result result = Cli.run(cwd, "queue:list", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"queue\" : \"email\"", "\"ready\" : 1", "\"name\" : \"staging-reports\"",
                "\"error\" : null");
    }

    @Test
    void queueDescribe_showsPresetAndQueueMerged_withDefaults_andMasksSecrets() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                presets:
                  staging:
                    className: jdbc
                    queueNamePrefix: staging-
                    options:
                      url: "jdbc:postgresql://app:s3cret@db.example/app?password=hunter2&ssl=true"
                      password: hunter2
                      pollInterval: 2
                queues:
                  email:
                    preset: staging
                    maximumNumberOfReleases: 5
                    options: {tableName: queue_email, apiToken: abc123}
                    releaseOptions: {delay: 120}
                """);

        Cli.Result result = Cli.run(cwd, "queue:describe", "email");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .startsWith("Configuration options for queue \"email\" (from " + cwd.resolve("jobqueue.yaml") + "):\n\nOPTION ")
                .containsPattern("\nclassName +jdbc\n")
                .containsPattern("\nmaximumNumberOfReleases +5\n")
                .containsPattern("\nmaximumNumberOfDeliveries +10 \\(default\\)\n")
                .containsPattern("\nexecuteIsolated +false \\(default\\)\n")
                .containsPattern("\ntimeout +– \\(default\\)\n")
                .containsPattern("\nqueueNamePrefix +staging-\n")
                .contains("Capabilities of its backend: not known from these settings")
                .contains("\"tableName\" : \"queue_email\"", "\"pollInterval\" : 2", "\"delay\" : 120")
                .contains("app:***@db.example/app?password=***&ssl=true", "\"password\" : \"***\"", "\"apiToken\" : \"***\"")
                .doesNotContain("s3cret", "hunter2", "abc123");
    }

    @Test
    void queueDescribe_namesTheBackendsCapabilities_withoutConnecting() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  pg: {className: jdbc, options: {url: "jdbc:postgresql://db.invalid:1/app"}}
                  sqlite: {className: jdbc, options: {url: "jdbc:sqlite:/nonexistent/folder/q.db"}}
                """);

        Cli.Result pg = Cli.run(cwd, "queue:describe", "pg");
        Cli.Result sqlite = Cli.run(cwd, "queue:describe", "sqlite", "--json");

        assertThat(pg.exitCode()).as(pg.toString()).isZero();
        assertThat(pg.out()).contains("Capabilities of its backend: reserve, delay, priority, batchReserve, pushWakeUp, peekMany,"
                + " countReserved, countDelayed, leases, failedStore, headers, crossProcess, listDelayed, oldestReadyAge, findById,"
                + " workerHeartbeats, retainFinished, cancel, unique, concurrencyLimit, rateLimit\n");
        assertThat(sqlite.exitCode()).as(sqlite.toString()).isZero();
        assertThat(sqlite.out()).contains("\"capabilities\" : [ \"reserve\", \"delay\", \"priority\", \"batchReserve\", \"peekMany\"")
                .doesNotContain("pushWakeUp");
    }

    @Test
    void queueDescribe_json_masksSecretsToo() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  email: {className: jdbc, options: {url: "jdbc:mysql://u:pw@h/db", clientSecret: x}}
                """);

        Cli.Result result = Cli.run(cwd, "queue:describe", "email", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"url\" : \"jdbc:mysql://u:***@h/db\"", "\"clientSecret\" : \"***\"",
                "\"maximumNumberOfReleases\" : 3").doesNotContain(":pw@");
    }

    @Test
    void queueSetup_printsTheOriginalsSuccessLine_andIsSafeToRepeat() {
        for (int i = 0; i < 2; i++) {
            Cli.Result result = Cli.run(cwd, "queue:setup", "email");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).isEqualTo("Queue \"email\" has been initialized successfully.\n");
        }
    }

    @Test
    void queueFlush_withoutForce_refusesWithTheWarning_andKeepsTheMessages() {
        SharedMemoryQueueFactory.queue("email").submit("a");

        Cli.Result result = Cli.run(cwd, "queue:flush", "email");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Error: Use the --force flag if you really want to flush queue \"email\""
                + " (this will delete all messages from the queue!)\n");
        assertThat(SharedMemoryQueueFactory.queue("email").countReady()).isEqualTo(1);
    }

    @Test
    void queueFlush_withForce_deletesEveryMessage() {
        SharedMemoryQueueFactory.queue("email").submit("a");

        Cli.Result result = Cli.run(cwd, "queue:flush", "email", "--force");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Flushed queue \"email\".\n");
        assertThat(SharedMemoryQueueFactory.queue("email").countReady()).isZero();
    }

    @Test
    void queueSubmit_putsThePayloadOnTheQueue_andPrintsItsId() {
        String payload = JobSerializer.defaultSerializer().serialize(new RecordingJob("x"));

        Cli.Result result = Cli.run(cwd, "queue:submit", "email", payload);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Submitted payload to queue \"email\" with ID \"1\".\n");
        assertThat(SharedMemoryQueueFactory.queue("email").peek(1).get(0).payload()).isEqualTo(payload);
    }

    @Test
    void queueSubmit_withDelayOption_keepsTheMessageInvisible() {
        Cli.Result result = Cli.run(cwd, "queue:submit", "email", "later", "--options", "{\"delay\": 3600, \"priority\": 5}");

        assertThat(result.exitCode()).isZero();
        assertThat(SharedMemoryQueueFactory.queue("email").countReady()).isZero();
    }

    @Test
    void queueSubmit_withInvalidJsonOptions_isAUsageError_andSubmitsNothing() {
        Cli.Result result = Cli.run(cwd, "queue:submit", "email", "x", "--options", "{delay: 5");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Error: --options is not valid JSON: ")
                .endsWith("(see 'jobqueue queue:submit --help')\n");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(SharedMemoryQueueFactory.queue("email").countReady()).isZero();
    }

    @Test
    void queueSubmit_withOptionsThatAreNotAnObjectOrHaveWrongTypes_isAUsageError() {
        Cli.Result array = Cli.run(cwd, "queue:submit", "email", "x", "--options", "[1, 2]");
        Cli.Result wrongType = Cli.run(cwd, "queue:submit", "email", "x", "--options", "{\"delay\": \"soon\"}");

        assertThat(array.exitCode()).isEqualTo(2);
        assertThat(array.err()).contains("--options must be a JSON object");
        assertThat(wrongType.exitCode()).isEqualTo(2);
        assertThat(wrongType.err()).contains("--options: ", "delay");
    }

    @Test
    void queueStats_showsCountsAndTheAgeOfTheOldestReadyMessage() {
        SharedMemoryQueueFactory.queue("email").submit("a");
        SharedMemoryQueueFactory.queue("email").submit("b");
        SharedMemoryQueueFactory.queue("email").waitAndReserve(java.time.Duration.ZERO);

        Cli.Result result = Cli.run(cwd, "queue:stats", "email");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("queue            email\n", "backend          memory\n", "ready            1\n",
                "reserved         1\n", "failed           0\n")
                .containsPattern("oldest ready     \\d+(\\.\\d)? m?s\n");
    }

    @Test
    void queueStats_json_andAnEmptyQueue() {
        Cli.Result result = Cli.run(cwd, "queue:stats", "reports", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"name\" : \"staging-reports\"", "\"ready\" : 0", "\"oldestReadySeconds\" : null");
    }
}
