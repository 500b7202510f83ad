package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy-paste accident of issue 9, as a user meets it: {@code tableName} names an application
 * table, then {@code queue:setup} and {@code queue:flush --force}. Both refuse, naming the table,
 * and the application's rows are all still there; a catalog name is refused before connecting.
 */
class ForeignTableTest {

    private static final String POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @TempDir
    Path cwd;

    @Test
    void setupAndFlush_refuseAnApplicationTable_onPostgresql() throws Exception {
        assumePostgresql();
        String table = "app_users_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(POSTGRESQL); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, email TEXT)");
            s.execute("INSERT INTO " + table + " VALUES (1, 'a@example.com'), (2, 'b@example.com'), (3, 'c@example.com')");
        }
        try {
            Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  users:\n    className: jdbc\n"
                    + "    options: {url: \"" + POSTGRESQL + "\", tableName: " + table + "}\n");

            Cli.Result setup = Cli.run(cwd, "queue:setup", "users");
            assertThat(setup.exitCode()).isEqualTo(3);
            assertThat(setup.err()).contains("table '" + table + "'", "is not a queue table", "nothing was done");

            Cli.Result flush = Cli.run(cwd, "queue:flush", "users", "--force");
            assertThat(flush.exitCode()).isEqualTo(3);
            assertThat(flush.out()).doesNotContain("Flushed");
            assertThat(flush.err()).contains("is not a queue table");

            assertThat(rows(table)).isEqualTo(3);
        } finally {
            try (Connection c = DriverManager.getConnection(POSTGRESQL); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    @Test
    void aCatalogTable_isRefusedBeforeConnecting() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  catalog: {className: jdbc, options: {url: "jdbc:postgresql://127.0.0.1:5432/test", tableName: pg_description}}
                """);
        Cli.Result flush = Cli.run(cwd, "queue:flush", "catalog", "--force");
        assertThat(flush.exitCode()).isEqualTo(1);
        assertThat(flush.err()).contains("option 'tableName' for queue 'catalog' is 'pg_description'", "own catalog");
    }

    @Test
    void setupAndFlush_refuseAnApplicationTable_inTheEmbeddedDatabase() throws Exception {
        Path database = cwd.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE app_users (id INTEGER PRIMARY KEY, email TEXT, state INTEGER)");
            s.execute("INSERT INTO app_users VALUES (1, 'a@example.com', 0), (2, 'b@example.com', 0)");
        }
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  users:\n    className: jdbc\n"
                + "    options: {path: \"" + database + "\", tableName: app_users}\n");

        assertThat(Cli.run(cwd, "queue:setup", "users").err()).contains("is not a queue table");
        assertThat(Cli.run(cwd, "queue:flush", "users", "--force").err()).contains("is not a queue table");
        assertThat(Cli.run(cwd, "queue:submit", "users", "{}").exitCode()).isEqualTo(3);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM app_users")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    private static long rows(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRESQL); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assumePostgresql() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
        } catch (IOException e) {
            Assumptions.assumeTrue("1".equals(System.getenv("JOBQUEUE_REQUIRE_SERVICES")) ? fail() : false,
                    "PostgreSQL is not running on 127.0.0.1:5432");
        }
    }

    private static boolean fail() {
        throw new AssertionError("PostgreSQL is required (JOBQUEUE_REQUIRE_SERVICES=1) but not running on 127.0.0.1:5432");
    }
}
