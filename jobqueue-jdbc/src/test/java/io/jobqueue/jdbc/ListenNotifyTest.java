package io.jobqueue.jdbc;

import static io.jobqueue.jdbc.TestDatabases.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL wakes a waiting reserver through LISTEN/NOTIFY, long before its poll interval. */
class ListenNotifyTest {

    /** The waiter looks at the table only this often on its own; a wake-up must come sooner. */
    private static final int POLL_INTERVAL_SECONDS = 30;

    @TempDir
    Path folder;

    @BeforeEach
    void requirePostgres() {
        POSTGRESQL.assumeAvailable();
    }

    @Test
    void submitFromAnotherPool_wakesWaitingReserver_beforeThePollInterval() throws Exception {
        String name = TestDatabases.uniqueName("listen");
        try (Queue waiter = TestDatabases.open(name, waiterOptions());
                Queue submitter = TestDatabases.open(name, submitterOptions())) {
            waiter.setUp();
            assertWokenBeforePollInterval(waiter, submitter, "first");
            waiter.flush();
            waiter.close();
            submitter.close();
            POSTGRESQL.drop(folder, TestDatabases.table(waiter));
        }
    }

    @Test
    void submitInTheCallersTransaction_wakesWaitingReserverWhenItCommits() throws Exception {
        String name = TestDatabases.uniqueName("txlisten");
        try (Queue waiter = TestDatabases.open(name, waiterOptions());
                Queue submitter = TestDatabases.open(name, submitterOptions())) {
            waiter.setUp();
            assertWokenBeforePollInterval(waiter, () -> {
                try (Connection connection = POSTGRESQL.connect(folder)) {
                    connection.setAutoCommit(false);
                    TestDatabases.backend(submitter).submit(connection, "committed", SubmitOptions.DEFAULT);
                    connection.commit();
                }
            }, "committed");
            POSTGRESQL.drop(folder, TestDatabases.table(waiter));
        }
    }

    @Test
    void listenConnection_whenTerminated_reconnectsAndWakesAgain() throws Exception {
        String name = TestDatabases.uniqueName("relisten");
        try (Queue waiter = TestDatabases.open(name, waiterOptions());
                Queue submitter = TestDatabases.open(name, submitterOptions())) {
            waiter.setUp();
            String table = TestDatabases.table(waiter);
            assertWokenBeforePollInterval(waiter, submitter, "before");

            long oldPid = listenerPid(table);
            assertThat(oldPid).isPositive();
            try (Connection c = POSTGRESQL.connect(folder); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(" + oldPid + ")");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                long pid = listenerPid(table);
                return pid > 0 && pid != oldPid;
            });
            assertWokenBeforePollInterval(waiter, submitter, "after");
            waiter.flush();
            POSTGRESQL.drop(folder, table);
        }
    }

    private void assertWokenBeforePollInterval(Queue waiter, Queue submitter, String payload)
            throws Exception {
        assertWokenBeforePollInterval(waiter, () -> submitter.submit(payload), payload);
    }

    private void assertWokenBeforePollInterval(Queue waiter, Submit submit, String payload) throws Exception {
        CompletableFuture<Optional<Message>> reserved = new CompletableFuture<>();
        Thread thread = new Thread(() -> reserved.complete(waiter.waitAndReserve(Duration.ofSeconds(120))));
        thread.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> isWaitingForWakeUp(thread));
        submit.run();
        Optional<Message> message = reserved.get(POLL_INTERVAL_SECONDS - 10, TimeUnit.SECONDS);
        assertThat(message).map(Message::payload).contains(payload);
        assertThat(waiter.finish(message.get())).isTrue();
    }

    private interface Submit {
        void run() throws Exception;
    }

    /** The thread has polled the table once and now waits on the wake-up signal. */
    private static boolean isWaitingForWakeUp(Thread thread) {
        return thread.getState() == Thread.State.TIMED_WAITING && Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> f.getClassName().endsWith("WakeSignal") && f.getMethodName().equals("await"));
    }

    private long listenerPid(String table) throws Exception {
        try (Connection c = POSTGRESQL.connect(folder); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name ="
                        + " 'jobqueue-listener' AND query = 'LISTEN \"" + table + "\"'")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private Map<String, Object> waiterOptions() {
        Map<String, Object> options = POSTGRESQL.options(folder);
        options.put("pollInterval", POLL_INTERVAL_SECONDS);
        return options;
    }

    /** Another URL, so another pool: the wake-up cannot come from inside the waiter's pool. */
    private Map<String, Object> submitterOptions() {
        Map<String, Object> options = POSTGRESQL.options(folder);
        options.put("url", options.get("url") + "?ApplicationName=jobqueue-test-submitter");
        return options;
    }
}
