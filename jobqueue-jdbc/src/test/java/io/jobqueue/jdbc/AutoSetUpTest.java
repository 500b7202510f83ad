package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jobqueue.BackendException;
import io.jobqueue.ConfigurationException;
import io.jobqueue.Queue;
import io.jobqueue.QueueNotSetUpException;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.QueueContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A queue sets its table up on first use, unless option {@code autoSetUp} is false (a schema the
 * application manages): then a missing table fails every call with both ways to create it, and
 * nothing is created. A table that is not a queue's is refused either way.
 */
class AutoSetUpTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void firstUse_createsTheTable_withoutSetUp(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("auto"), db.options(folder))) {
            String table = TestDatabases.table(queue);
            assertThat(exists(db, table)).as("table %s before the first use", table).isFalse();
            try {
                queue.submit("first", SubmitOptions.DEFAULT.withHeader("k", "v"));

                assertThat(exists(db, table)).as("table %s after the first submit", table).isTrue();
                assertThat(queue.waitAndTake(Duration.ZERO)).map(m -> m.payload()).contains("first");
                queue.setUp(); // still idempotent on a table the first use created
                assertThat(queue.counts().ready()).isZero();
            } finally {
                db.drop(folder, table);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void firstUse_byAReadOnlyCall_createsTheTableToo_butAFlushCreatesNothing(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        try (Queue flushed = TestDatabases.open(TestDatabases.uniqueName("flush"), db.options(folder));
                Queue counted = TestDatabases.open(TestDatabases.uniqueName("count"), db.options(folder))) {
            try {
                flushed.flush();
                assertThat(exists(db, TestDatabases.table(flushed))).as("the table after a flush as first use").isFalse();

                assertThat(counted.counts().ready()).isZero();
                assertThat(exists(db, TestDatabases.table(counted))).as("the table after counts as first use").isTrue();
            } finally {
                db.drop(folder, TestDatabases.table(flushed));
                db.drop(folder, TestDatabases.table(counted));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void withAutoSetUpOff_aMissingTable_failsNamingQueueTableAndBothWays_andNothingIsCreated(TestDatabases db)
            throws SQLException {
        db.assumeAvailable();
        String name = TestDatabases.uniqueName("manual");
        Map<String, Object> options = db.options(folder);
        options.put("autoSetUp", false);
        try (Queue queue = TestDatabases.open("dev-" + name, name, options)) {
            String table = TestDatabases.table(queue);
            try {
                assertThatThrownBy(() -> queue.submit("x"))
                        .isInstanceOf(QueueNotSetUpException.class)
                        .satisfies(e -> assertThat(((QueueNotSetUpException) e).storage()).isEqualTo("table '" + table + "'"))
                        .hasMessageContaining("queue table '" + table + "' does not exist for queue 'dev-" + name + "'")
                        .hasMessageContaining("option autoSetUp is false")
                        .hasMessageContaining("queue.setUp()")
                        .hasMessageContaining("`jobqueue queue:setup " + name + "`")
                        .satisfies(e -> assertThat(((BackendException) e).queueName()).isEqualTo("dev-" + name));
                assertThatThrownBy(() -> queue.waitAndReserve(Duration.ZERO)).isInstanceOf(BackendException.class)
                        .hasMessageContaining("does not exist");
                assertThatThrownBy(queue::counts).isInstanceOf(QueueNotSetUpException.class).hasMessageContaining("does not exist");
                assertThatThrownBy(() -> queue.listDelayed(10)).isInstanceOf(BackendException.class)
                        .hasMessageContaining("does not exist");
                queue.flush(); // a missing table has nothing to delete
                assertThat(exists(db, table)).as("table %s after calls with autoSetUp false", table).isFalse();

                queue.setUp();

                assertThat(exists(db, table)).as("table %s after setUp()", table).isTrue();
                queue.submit("after setUp");
                assertThat(queue.waitAndTake(Duration.ZERO)).map(m -> m.payload()).contains("after setUp");
            } finally {
                db.drop(folder, table);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aForeignTable_isRefusedOnFirstUse_andKeepsItsRows(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        String table = "app_orders_" + TestDatabases.uniqueName("t").substring(2).replace('-', '_');
        execute(db, "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, total INTEGER)",
                "INSERT INTO " + table + " (id, total) VALUES (1, 10)");
        Map<String, Object> options = db.options(folder);
        options.put("tableName", table);
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("foreign"), options)) {
            assertThatThrownBy(() -> queue.submit("x")).isInstanceOf(BackendException.class)
                    .hasMessageContaining("table '" + table + "'")
                    .hasMessageContaining("is not a queue table")
                    .hasMessageContaining("nothing was done");
            assertThatThrownBy(queue::counts).isInstanceOf(BackendException.class).hasMessageContaining("is not a queue table");
            assertThat(count(db, table)).isEqualTo(1);
            assertThat(columns(db, table)).as("the foreign table's columns").isEqualTo(2);
        } finally {
            db.drop(folder, table);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void onTheApplicationsDataSource_withAutoSetUpOff_nothingIsCreated(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url(folder));
        config.setUsername((String) db.options(folder).get("username"));
        config.setMaximumPoolSize(2);
        config.setPoolName("autosetup-" + db.name().toLowerCase(Locale.ROOT));
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            QueueContext manual = QueueContext.of(TestDatabases.uniqueName("dsmanual"), Map.of("autoSetUp", "false"));
            QueueContext auto = QueueContext.of(TestDatabases.uniqueName("dsauto"), Map.of());
            try (Queue off = Queue.of(manual, JdbcBackend.create(manual, dataSource));
                    Queue on = Queue.of(auto, JdbcBackend.create(auto, dataSource))) {
                try {
                    assertThatThrownBy(() -> off.submit("x")).isInstanceOf(BackendException.class)
                            .hasMessageContaining("option autoSetUp is false");
                    assertThat(exists(db, TestDatabases.table(off))).isFalse();
                    on.submit("y");
                    assertThat(exists(db, TestDatabases.table(on))).isTrue();
                } finally {
                    db.drop(folder, TestDatabases.table(off));
                    db.drop(folder, TestDatabases.table(on));
                }
            }
        }
    }

    @Test
    void autoSetUp_defaultsToTrue_andABadValueIsRefusedNamingKeyAndValue() {
        assertThat(JdbcQueueOptions.from(QueueContext.of("q", Map.of())).autoSetUp()).isTrue();
        assertThat(JdbcQueueOptions.from(QueueContext.of("q", Map.of("autoSetUp", false))).autoSetUp()).isFalse();
        assertThat(JdbcQueueOptions.from(QueueContext.of("q", Map.of("autoSetUp", "FALSE"))).autoSetUp()).isFalse();
        assertThatThrownBy(() -> JdbcQueueOptions.from(QueueContext.of("reports", Map.of("autoSetUp", "manual"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("option 'autoSetUp' must be true or false, was 'manual' (String) (queue 'reports')");
        assertThatThrownBy(() -> JdbcQueueOptions.from(QueueContext.of("reports", Map.of("autoSetup", false))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown option 'autoSetup' for queue 'reports', did you mean 'autoSetUp'?");
    }

    private boolean exists(TestDatabases db, String table) throws SQLException {
        try (Connection c = db.connect(folder); Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
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

    private int columns(TestDatabases db, String table) throws SQLException {
        try (Connection c = db.connect(folder); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            return rs.getMetaData().getColumnCount();
        }
    }
}
