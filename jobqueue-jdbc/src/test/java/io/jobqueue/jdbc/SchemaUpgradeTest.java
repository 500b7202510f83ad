package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.BackendException;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table created by the previous version (0.1, without epoch, deliveries and headers) is upgraded
 * on {@code setUp} or on first use: its rows are kept and work, and only that exact old shape is
 * ever altered.
 */
class SchemaUpgradeTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTableOfThePreviousVersion_isUpgradedBySetUp_andKeepsItsRows(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        String table = oldTableWithRows(db);
        try (Queue queue = queue(db, table)) {
            queue.setUp();
            assertThat(columns(db, table)).containsExactlyInAnyOrder("id", "payload", "state", "priority", "releases",
                    "due_at", "locked_until", "reason", "created_at", "failed_at", "headers", "deliveries", "epoch");
            assertOldRowsWork(queue);
            queue.setUp(); // idempotent on the upgraded table
        } finally {
            db.drop(folder, table);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTableOfThePreviousVersion_isUpgradedOnFirstUse_withoutSetUp(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        String table = oldTableWithRows(db);
        try (Queue queue = queue(db, table)) {
            assertThat(queue.counts().ready()).isEqualTo(3);
            assertThat(columns(db, table)).contains("headers", "deliveries", "epoch");
            assertOldRowsWork(queue);
        } finally {
            db.drop(folder, table);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTableThatIsAlmostThePreviousVersion_isRefused_andLeftAsItIs(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        String table = uniqueTable();
        execute(db, oldCreateTable(db, table), "ALTER TABLE " + table + " ADD COLUMN note VARCHAR(20)");
        try (Queue queue = queue(db, table)) {
            assertThatThrownBy(queue::setUp).isInstanceOf(BackendException.class)
                    .hasMessageContaining("is not a queue table")
                    .hasMessageContaining("lacks the columns headers, deliveries, epoch")
                    .hasMessageContaining("(note)");
            assertThatThrownBy(() -> queue.submit("x")).isInstanceOf(BackendException.class);
            assertThat(columns(db, table)).doesNotContain("epoch").contains("note");
        } finally {
            db.drop(folder, table);
        }
    }

    /** The rows {@link #oldTableWithRows} wrote, after the upgrade. */
    private void assertOldRowsWork(Queue queue) {
        // The row an old worker held with a lease that ran out is back (the sweep runs first), its releases unchanged.
        assertThat(queue.peek(10)).extracting(Message::payload).containsExactly("first", "second", "held by an old worker");
        assertThat(queue.peek(10)).allSatisfy(m -> assertThat(m.headers()).isEmpty());
        assertThat(queue.counts().failed()).isEqualTo(1);

        Message first = queue.waitAndReserve(Duration.ZERO).orElseThrow();
        assertThat(first.payload()).isEqualTo("first");
        assertThat(first.numberOfReleases()).as("the release count the old version kept").isEqualTo(2);
        assertThat(first.numberOfDeliveries()).isEqualTo(1);
        assertThat(first.token()).isNotEmpty();
        assertThat(queue.release(first, ReleaseOptions.DEFAULT)).isTrue();
        assertThat(queue.finish(first)).as("finish under the released reservation's token").isFalse();

        List<Message> all = queue.waitAndReserve(3, Duration.ZERO);
        assertThat(all).extracting(Message::payload).containsExactly("first", "second", "held by an old worker");
        assertThat(all).extracting(Message::numberOfReleases).containsExactly(3, 0, 1);
        assertThat(all).extracting(Message::numberOfDeliveries).containsExactly(2, 1, 1);
        assertThat(queue.finishAll(all)).hasSize(3);

        FailedMessage failed = queue.listFailed(1).get(0);
        assertThat(failed.message().payload()).isEqualTo("failed before");
        assertThat(failed.reason()).isEqualTo("boom");
        assertThat(queue.retryFailed(failed.message().id())).isTrue();
        Message retried = queue.waitAndTake(Duration.ZERO).orElseThrow();
        assertThat(retried.numberOfReleases()).isZero();
        assertThat(retried.numberOfDeliveries()).isEqualTo(1);
        queue.submit("new", SubmitOptions.DEFAULT.withHeader("tenant", "acme"));
        assertThat(queue.waitAndTake(Duration.ZERO)).map(Message::headers).contains(Map.of("tenant", "acme"));
    }

    /** A table as version 0.1 created it, with a ready row, a ready row released twice, an expired reservation and a failure. */
    private String oldTableWithRows(TestDatabases db) throws SQLException {
        String table = uniqueTable();
        String now = switch (db) {
            case POSTGRESQL -> "now()";
            case MARIADB -> "UTC_TIMESTAMP(6)";
            case SQLITE -> "CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)";
        };
        String past = switch (db) {
            case POSTGRESQL -> "now() - interval '1 minute'";
            case MARIADB -> "UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE";
            case SQLITE -> "(" + now + " - 60000)";
        };
        String columns = " (payload, state, priority, releases, due_at, locked_until, reason, created_at, failed_at) VALUES ";
        execute(db, oldCreateTable(db, table),
                "INSERT INTO " + table + columns + "('first', 0, 10, 2, " + past + ", NULL, NULL, " + past + ", NULL)",
                "INSERT INTO " + table + columns + "('second', 0, 20, 0, " + past + ", NULL, NULL, " + past + ", NULL)",
                "INSERT INTO " + table + columns + "('held by an old worker', 1, 30, 1, " + past + ", " + past + ", NULL, "
                        + past + ", NULL)",
                "INSERT INTO " + table + columns + "('failed before', 2, 40, 3, " + past + ", NULL, 'boom', " + past + ", "
                        + now + ")");
        return table;
    }

    /** The CREATE TABLE of version 0.1, as it was. */
    private static String oldCreateTable(TestDatabases db, String table) {
        return switch (db) {
            case POSTGRESQL -> "CREATE TABLE " + table + " (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " payload TEXT NOT NULL, state SMALLINT NOT NULL DEFAULT 0, priority INTEGER NOT NULL,"
                    + " releases INTEGER NOT NULL DEFAULT 0, due_at TIMESTAMPTZ NOT NULL, locked_until TIMESTAMPTZ,"
                    + " reason TEXT, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), failed_at TIMESTAMPTZ)";
            case MARIADB -> "CREATE TABLE " + table + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " payload LONGTEXT NOT NULL, state TINYINT NOT NULL DEFAULT 0, priority INT NOT NULL,"
                    + " releases INT NOT NULL DEFAULT 0, due_at DATETIME(6) NOT NULL, locked_until DATETIME(6) NULL,"
                    + " reason MEDIUMTEXT NULL, created_at DATETIME(6) NOT NULL, failed_at DATETIME(6) NULL,"
                    + " KEY " + table + "_claim (state, priority, due_at, id), KEY " + table + "_lease (state, locked_until),"
                    + " KEY " + table + "_failed (state, failed_at, id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
            case SQLITE -> "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL,"
                    + " state INTEGER NOT NULL DEFAULT 0, priority INTEGER NOT NULL, releases INTEGER NOT NULL DEFAULT 0,"
                    + " due_at INTEGER NOT NULL, locked_until INTEGER, reason TEXT, created_at INTEGER NOT NULL,"
                    + " failed_at INTEGER)";
        };
    }

    private Queue queue(TestDatabases db, String table) {
        Map<String, Object> options = db.options(folder);
        options.put("tableName", table);
        return TestDatabases.open(TestDatabases.uniqueName("upgrade"), options);
    }

    private static String uniqueTable() {
        return "old_queue_" + TestDatabases.uniqueName("").toLowerCase(Locale.ROOT);
    }

    private void execute(TestDatabases db, String... statements) throws SQLException {
        try (Connection c = db.connect(folder); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private List<String> columns(TestDatabases db, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(folder); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
