package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobqueue.BackendException;
import io.jobqueue.MessageTooLargeException;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.QueueContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorMessagesTest {

    private static final String SECRET = "pw-Secret-4711";

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void missingTable_withAutoSetUpOff_namesTableAndQueue_andBothWaysToSetItUp(TestDatabases db) {
        db.assumeAvailable();
        String name = TestDatabases.uniqueName("nosetup");
        Map<String, Object> options = db.options(folder);
        options.put("autoSetUp", false);
        try (Queue queue = TestDatabases.open("dev-" + name, name, options)) {
            String table = TestDatabases.table(queue);
            assertThatThrownBy(() -> queue.submit("x"))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("queue table '" + table + "' does not exist for queue 'dev-" + name + "'")
                    .hasMessageContaining("create it with queue.setUp() in Java or `jobqueue queue:setup " + name + "`");
            assertThatThrownBy(() -> queue.waitAndReserve(Duration.ZERO))
                    .isInstanceOf(BackendException.class).hasMessageContaining("does not exist");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:1/test", "jdbc:mariadb://127.0.0.1:1/test"})
    void refusedConnection_namesQueueAndUrl_butNeverThePassword(String url) {
        Map<String, Object> options = new HashMap<>();
        options.put("url", url + "?password=" + SECRET);
        options.put("username", "jobs");
        options.put("password", SECRET);
        options.put("connectionTimeout", 0.5);
        try (Queue queue = TestDatabases.open("email", options)) {
            assertThatThrownBy(() -> queue.submit("x"))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("queue 'email'")
                    .hasMessageContaining(url + "?password=***")
                    .hasMessageContaining("cannot be reached")
                    .hasMessageContaining("check that the server is running")
                    .hasMessageNotContaining(SECRET)
                    .satisfies(e -> assertThat(((BackendException) e).queueName()).isEqualTo("email"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mariadb://root:" + SECRET + "@127.0.0.1:3306/test",
            "jdbc:mariadb://root:" + SECRET + "@127.0.0.1:1/test",
            "jdbc:mariadb://127.0.0.1:1/test?user=root&sslpassword=" + SECRET,
            "jdbc:postgresql://127.0.0.1:1/test?user=x&sslpassword=" + SECRET,
            "jdbc:postgresql://127.0.0.1:1/test?user=x&password=" + SECRET + "&sslpassword=" + SECRET,
            "jdbc:mysql://address=(host=127.0.0.1)(port=1)(user=root)(password=" + SECRET + ")/test",
            "jdbc:nosuchdb://root:" + SECRET + "@h/x"})
    void passwordsInsideTheUrl_appearInNoMessage(String url) {
        Map<String, Object> options = new HashMap<>();
        options.put("url", url);
        options.put("connectionTimeout", 0.5);
        Throwable failure;
        try (Queue queue = TestDatabases.open("masked", options)) {
            JdbcQueueOptions parsed = JdbcQueueOptions.from(QueueContext.of("masked", options));
            assertThat(TestDatabases.backend(queue).toString()).doesNotContain(SECRET);
            assertThat(parsed.toString()).doesNotContain(SECRET);
            assertThat(parsed.location()).doesNotContain(SECRET);
            failure = org.assertj.core.api.Assertions.catchThrowable(queue::setUp);
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET); // what --verbose prints
    }

    @Test
    void aMessageLargerThanMariadbAccepts_isRefusedAsTooLarge_andNothingOfItsBatchIsStored() {
        TestDatabases.MARIADB.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("huge"), TestDatabases.MARIADB.options(folder))) {
            queue.setUp();
            String huge = "x".repeat(17 * 1024 * 1024); // above the server's max_allowed_packet of 16 MiB
            assertThatThrownBy(() -> queue.submitAll(List.of("small", huge), SubmitOptions.DEFAULT))
                    .isInstanceOf(MessageTooLargeException.class)
                    .hasMessageContaining("too large for queue '" + queue.name() + "'")
                    .hasMessageContaining("the server takes statements of at most")
                    .satisfies(e -> assertThat(((MessageTooLargeException) e).size()).isEqualTo(huge.length()))
                    .satisfies(e -> assertThat(((MessageTooLargeException) e).limit()).isPositive().isLessThan(huge.length()));
            assertThat(queue.counts().ready()).as("messages of the refused batch").isZero();
            queue.submit("still works");
            assertThat(queue.waitAndTake(Duration.ZERO)).map(m -> m.payload()).contains("still works");
            TestDatabases.MARIADB.drop(folder, TestDatabases.table(queue));
        }
    }

    @Test
    void lostConnections_areReplacedByThePool() throws Exception {
        TestDatabases.POSTGRESQL.assumeAvailable();
        Map<String, Object> options = TestDatabases.POSTGRESQL.options(folder);
        String application = TestDatabases.uniqueName("jobqueue-restart");
        options.put("url", options.get("url") + "?ApplicationName=" + application);
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("restart"), options)) {
            queue.setUp();
            queue.submit("before");
            try (Connection c = TestDatabases.POSTGRESQL.connect(folder); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                        + application + "'");
            }
            // A call may still meet a dead connection once (a BackendException the worker retries).
            await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(BackendException.class)
                    .until(() -> queue.countReady() == 1);
            assertThat(queue.waitAndTake(Duration.ZERO)).isPresent();
            TestDatabases.POSTGRESQL.drop(folder, TestDatabases.table(queue));
        }
    }
}
