package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.BackendException;
import io.jobqueue.ConfigurationException;
import io.jobqueue.Queue;
import io.jobqueue.spi.QueueContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A queue reads, changes and deletes only its own table: application tables, views and catalogs are refused. */
class TableOwnershipTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anApplicationTable_isNeitherSetUpNorFlushedNorUsed_andKeepsItsRows(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        String table = "app_users_" + TestDatabases.uniqueName("t").substring(2).replace('-', '_');
        execute(db, "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, email VARCHAR(100), state INTEGER)",
                "INSERT INTO " + table + " (id, email, state) VALUES (1, 'a@example.com', 0), (2, 'b@example.com', 1)");
        try (Queue queue = queue(db, table)) {
            assertThatThrownBy(queue::setUp).isInstanceOf(BackendException.class)
                    .hasMessageContaining("table '" + table + "'")
                    .hasMessageContaining("is not a queue table")
                    .hasMessageContaining("lacks the columns payload, priority")
                    .hasMessageContaining("has columns a queue table does not (email)")
                    .hasMessageContaining("nothing was done");
            assertThatThrownBy(queue::flush).isInstanceOf(BackendException.class).hasMessageContaining("is not a queue table");
            assertThatThrownBy(() -> queue.submit("x")).isInstanceOf(BackendException.class).hasMessageContaining("is not a queue table");
            assertThatThrownBy(() -> queue.waitAndReserve(Duration.ZERO)).isInstanceOf(BackendException.class);
            assertThatThrownBy(queue::countReady).isInstanceOf(BackendException.class);
            assertThat(count(db, table)).isEqualTo(2);
        } finally {
            db.drop(folder, table);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTableWithTheQueueSchema_isTheQueuesOwn_whicheverQueueCreatedIt(TestDatabases db) {
        db.assumeAvailable();
        String name = TestDatabases.uniqueName("adopt");
        String table;
        try (Queue first = TestDatabases.open(name, db.options(folder))) {
            first.setUp();
            first.submit("kept");
            table = TestDatabases.table(first);
        }
        try (Queue again = queue(db, table)) {
            again.setUp();
            assertThat(again.waitAndTake(Duration.ZERO)).get().extracting(m -> m.payload()).isEqualTo("kept");
            again.flush();
        } finally {
            db.drop(folder, table);
        }
    }

    @Test
    void aPostgresqlView_orACatalogOnTheSearchPath_isRefused() throws SQLException {
        TestDatabases db = TestDatabases.POSTGRESQL;
        db.assumeAvailable();
        String view = "view_" + TestDatabases.uniqueName("v").substring(2).replace('-', '_');
        execute(db, "CREATE VIEW " + view + " AS SELECT 1 AS id");
        try (Queue queue = queue(db, view)) {
            assertThatThrownBy(queue::flush).isInstanceOf(BackendException.class).hasMessageContaining("it is a view");
        } finally {
            execute(db, "DROP VIEW " + view);
        }
        Map<String, Object> options = db.options(folder);
        options.put("url", options.get("url") + "?currentSchema=information_schema");
        options.put("tableName", "tables");
        try (Queue queue = TestDatabases.open("catalog", options)) {
            assertThatThrownBy(queue::flush).isInstanceOf(BackendException.class)
                    .hasMessageContaining("information_schema.tables in the server's own catalog");
            assertThatThrownBy(queue::setUp).isInstanceOf(BackendException.class);
        }
    }

    @Test
    void aTableOfMariadbsOwnDatabase_isRefused_andKeepsItsRows() throws SQLException {
        TestDatabases db = TestDatabases.MARIADB;
        db.assumeAvailable();
        Map<String, Object> options = db.options(folder);
        options.put("url", "jdbc:mariadb://127.0.0.1:3306/mysql");
        options.put("tableName", "db");
        long before = countIn("mysql.db");
        try (Queue queue = TestDatabases.open("system", options)) {
            assertThatThrownBy(queue::flush).isInstanceOf(BackendException.class)
                    .hasMessageContaining("the URL's database is 'mysql', the server's own catalog");
            assertThatThrownBy(queue::setUp).isInstanceOf(BackendException.class);
        }
        assertThat(countIn("mysql.db")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg_description", "pg_class", "PG_Class", "sqlite_master", "sqlite_sequence",
            "information_schema", "mysql", "performance_schema", "sys"})
    void systemNames_areRefusedAsTableNames_beforeAnyConnection(String name) {
        assertThatThrownBy(() -> JdbcQueueOptions.from(QueueContext.of("email", Map.of("tableName", name))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("option 'tableName' for queue 'email' is '" + name + "'")
                .hasMessageContaining("keeps for its own catalog");
    }

    private Queue queue(TestDatabases db, String table) {
        Map<String, Object> options = db.options(folder);
        options.put("tableName", table);
        return TestDatabases.open(TestDatabases.uniqueName("own"), options);
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

    private long countIn(String qualifiedTable) throws SQLException {
        return count(TestDatabases.MARIADB, qualifiedTable);
    }
}
