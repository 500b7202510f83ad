package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that only read create nothing: on a fresh folder they report the built-in default
 * as not set up instead of creating ./var/jobqueue.db. queue:list shows the names the other
 * commands take, and queue:setup sets up several queues, or all of them.
 */
class ReadOnlyCommandsTest {

    @TempDir
    Path cwd;

    @BeforeEach
    void clear() {
        SharedMemoryQueueFactory.clear();
    }

    private void assertNothingCreated() throws IOException {
        try (Stream<Path> files = Files.list(cwd)) {
            assertThat(files).as("files in the working folder").allMatch(p -> p.getFileName().toString().equals("jobqueue.yaml"));
        }
    }

    @Test
    void queueList_onAFreshFolder_reportsTheDefaultAsNotSetUp_andCreatesNoFile() throws IOException {
        Cli.Result result = Cli.run(cwd, "queue:list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().lines().toList()).hasSize(2);
        assertThat(result.out().lines().toList().get(0)).startsWith("QUEUE    BACKEND  READY  DELAYED  RESERVED  FAILED  NAME IN BACKEND  STATUS");
        assertThat(result.out().lines().toList().get(1)).startsWith("default  jdbc").contains("not set up: its SQLite file "
                + cwd.resolve("var/jobqueue.db") + " does not exist (run 'jobqueue queue:setup default' to create it)");
        assertNothingCreated();
    }

    @Test
    void queueList_json_saysNotSetUp() {
        Cli.Result result = Cli.run(cwd, "queue:list", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"queue\" : \"default\"", "\"status\" : \"not set up\"", "\"ready\" : null");
        assertThat(cwd.resolve("var")).doesNotExist();
    }

    @Test
    void readingCommands_onAQueueNotSetUp_exit3_namingIt_andCreateNoFile() throws IOException {
        for (String[] command : new String[][] {{"queue:stats", "default"}, {"job:list", "default"}, {"job:failed", "default"}}) {
            Cli.Result result = Cli.run(cwd, command);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
            assertThat(result.err()).isEqualTo("Error: queue 'default' is not set up: its SQLite file " + cwd.resolve("var/jobqueue.db")
                    + " does not exist (run 'jobqueue queue:setup default' to create it)\n");
        }
        assertNothingCreated();
    }

    @Test
    void readingCommands_onAServerDatabase_createNoTable_evenWithAutoSetUpOn() throws Exception {
        Services.require("PostgreSQL", Services.POSTGRESQL);
        String url = "jdbc:postgresql://127.0.0.1:5432/test";
        String table = "read_only_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  reports: {className: jdbc, options: {url: \"" + url
                + "\", username: postgres, tableName: " + table + "}}\n");
        try {
            for (String[] command : new String[][] {{"queue:stats", "reports"}, {"job:list", "reports"}, {"job:failed", "reports"}}) {
                Cli.Result result = Cli.run(cwd, command);

                assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
                assertThat(result.err()).as(result.toString()).isEqualTo("Error: cannot read queue 'reports' at " + url
                        + ": it is not set up (table '" + table + "' does not exist); run 'jobqueue queue:setup reports' to"
                        + " create it\n");
            }
            assertThat(tableExists(url, table)).as("table after the reads").isFalse();

            assertThat(Cli.run(cwd, "queue:setup", "reports").exitCode()).isZero();
            assertThat(Cli.run(cwd, "queue:stats", "reports").exitCode()).as("a read once it is set up").isZero();
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url + "?user=postgres");
                    java.sql.Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private static boolean tableExists(String url, String table) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url + "?user=postgres");
                java.sql.ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }

    @Test
    void queueList_namesQueuesAsTheOtherCommandsTakeThem_withTheNameInTheBackendAside() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  reports: {className: shared-memory, queueNamePrefix: staging-}\n");

        Cli.Result list = Cli.run(cwd, "queue:list");

        assertThat(list.out()).isEqualTo("""
                QUEUE    BACKEND  READY  DELAYED  RESERVED  FAILED  NAME IN BACKEND
                reports  memory       0        0         0       0  staging-reports
                """);
        String firstColumn = list.out().lines().toList().get(1).split(" ")[0];
        assertThat(Cli.run(cwd, "queue:stats", firstColumn).exitCode()).isZero();
        assertThat(Cli.run(cwd, "queue:stats", "staging-reports").err()).contains("queue 'staging-reports' is not configured");
    }

    @Test
    void queueSetup_takesSeveralQueues_orAll() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n"
                + "  one: {className: jdbc, options: {path: \"" + cwd.resolve("one.db") + "\"}}\n"
                + "  two: {className: jdbc, options: {path: \"" + cwd.resolve("two.db") + "\"}}\n"
                + "  three: {className: jdbc, options: {path: \"" + cwd.resolve("three.db") + "\"}}\n");

        Cli.Result some = Cli.run(cwd, "queue:setup", "one", "two");
        assertThat(some.exitCode()).as(some.toString()).isZero();
        assertThat(some.out()).isEqualTo("Queue \"one\" has been initialized successfully.\n"
                + "Queue \"two\" has been initialized successfully.\n");
        assertThat(cwd.resolve("three.db")).doesNotExist();

        Cli.Result all = Cli.run(cwd, "queue:setup", "--all");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out().lines()).hasSize(3);
        assertThat(cwd.resolve("three.db")).exists();
        assertThat(Cli.run(cwd, "queue:stats", "three").exitCode()).isZero();
    }

    @Test
    void queueSetup_needsQueuesOrAll_notBoth() {
        assertThat(Cli.run(cwd, "queue:setup").err())
                .isEqualTo("Error: give the queues to set up, or --all (see 'jobqueue queue:setup --help')\n");
        assertThat(Cli.run(cwd, "queue:setup", "default", "--all").exitCode()).isEqualTo(2);
    }

    @Test
    void queueSetup_goesOnPastAQueueThatCannotBeSetUp_andExits3() throws IOException {
        int port = Services.unusedPort();
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n"
                + "  down: {className: jdbc, options: {url: \"jdbc:postgresql://127.0.0.1:" + port + "/app\", connectionTimeout: 1}}\n"
                + "  local: {className: jdbc, options: {path: \"" + cwd.resolve("local.db") + "\"}}\n");

        Cli.Result result = Cli.run(cwd, "queue:setup", "--all");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("Error: cannot set up queue 'down' at jdbc:postgresql://127.0.0.1:" + port
                + "/app: connection refused\n");
        assertThat(result.out()).isEqualTo("Queue \"local\" has been initialized successfully.\n");
    }

    @Test
    void anUnreachableServer_isNamedWithWhatTheUserTried_andExits3() throws IOException {
        int port = Services.unusedPort();
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n"
                + "  down: {className: jdbc, options: {url: \"jdbc:postgresql://127.0.0.1:" + port + "/app\", connectionTimeout: 1}}\n");

        Cli.Result stats = Cli.run(cwd, "queue:stats", "down");
        Cli.Result list = Cli.run(cwd, "queue:list");

        assertThat(stats.exitCode()).isEqualTo(3);
        assertThat(stats.err()).isEqualTo("Error: cannot read queue 'down' at jdbc:postgresql://127.0.0.1:" + port
                + "/app: connection refused\n");
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.out()).contains("error: cannot read queue 'down' at jdbc:postgresql://127.0.0.1:" + port
                + "/app: connection refused");
    }
}
