package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.BackendException;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The limits table {@code <table>__limits} of a queue with {@code concurrencyLimit} or {@code rateLimit}:
 * made only for such a queue, and a table of that name that is not a queue's limits table is refused
 * and left as it is. Concurrency keys are compared exactly.
 */
class LimitsTableTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aQueueWithoutLimits_makesNoLimitsTable_andALimitedOneMakesIt(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        String name = TestDatabases.uniqueName("limits");
        try (Queue plain = TestDatabases.open(name, db.options(folder))) {
            String limits = TestDatabases.table(plain) + "__limits";
            try {
                plain.submit("a");
                assertThat(plain.waitAndReserve(Duration.ZERO)).isPresent();
                assertThat(exists(db, limits)).as("limits table of a queue without limits").isFalse();

                Map<String, Object> options = db.options(folder);
                options.put("rateLimit", "10/1s");
                try (Queue limited = TestDatabases.open(name, options)) {
                    limited.submit("b");
                    assertThat(limited.waitAndReserve(Duration.ZERO)).isPresent();
                }
                assertThat(exists(db, limits)).as("limits table after a rate-limited claim").isTrue();
            } finally {
                db.drop(folder, TestDatabases.table(plain));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void concurrencyKeysThatDifferInCaseOrATrailingSpace_areDifferentKeys(TestDatabases db) {
        db.assumeAvailable();
        Map<String, Object> options = db.options(folder);
        options.put("concurrencyLimit", 1);
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("limits"), options)) {
            try {
                for (String key : List.of("key", "KEY", "key ", "kéy", "key")) {
                    queue.submit(key, SubmitOptions.DEFAULT.withConcurrencyKey(key));
                }

                List<Message> reserved = queue.waitAndReserve(10, Duration.ZERO);

                assertThat(reserved).extracting(Message::payload).as("one of each key").containsExactly("key", "KEY", "key ", "kéy");
            } finally {
                db.drop(folder, TestDatabases.table(queue));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anApplicationTableWithTheLimitsTablesName_isRefused_andKeepsItsRows(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        Map<String, Object> options = db.options(folder);
        options.put("concurrencyLimit", 2);
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("limits"), options)) {
            String limits = TestDatabases.table(queue) + "__limits";
            execute(db, "CREATE TABLE " + limits + " (id INTEGER PRIMARY KEY, window_start INTEGER, note VARCHAR(20))",
                    "INSERT INTO " + limits + " (id, window_start, note) VALUES (1, 0, 'mine')");
            try {
                queue.submit("x");

                assertThatThrownBy(() -> queue.waitAndReserve(Duration.ZERO)).isInstanceOf(BackendException.class)
                        .hasMessageContaining("table '" + limits + "'")
                        .hasMessageContaining("cannot be the limits table of queue")
                        .hasMessageContaining("note");
                assertThatThrownBy(queue::setUp).isInstanceOf(BackendException.class).hasMessageContaining("limits table");
                assertThat(count(db, limits)).isEqualTo(1);
                assertThat(queue.counts().ready()).as("nothing was reserved").isEqualTo(1);
            } finally {
                db.drop(folder, TestDatabases.table(queue));
            }
        }
    }

    private void execute(TestDatabases db, String... statements) throws SQLException {
        try (Connection c = db.connect(folder); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private long count(TestDatabases db, String table) throws SQLException {
        try (Connection c = db.connect(folder); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean exists(TestDatabases db, String table) throws SQLException {
        try (Connection c = db.connect(folder); ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }
}
