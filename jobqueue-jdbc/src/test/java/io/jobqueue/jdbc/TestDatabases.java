package io.jobqueue.jdbc;

import io.jobqueue.Queue;
import io.jobqueue.jdbc.internal.TableNames;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.testkit.Services;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The three databases the JDBC tests run against, with queues on them, unique queue names and table clean-up. */
enum TestDatabases {
    POSTGRESQL("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", 5432),
    MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", "root", 3306),
    SQLITE("SQLite", null, null, 0);

    private final String service;

    private final String url;
    private final String username;
    private final int port;

    TestDatabases(String service, String url, String username, int port) {
        this.service = service;
        this.url = url;
        this.username = username;
        this.port = port;
    }

    /** Skips the test when the server is not running (fails instead when JOBQUEUE_REQUIRE_SERVICES=1). */
    void assumeAvailable() {
        if (port != 0) {
            Services.assumeReachable(service, "127.0.0.1", port);
        }
    }

    /** The JDBC URL; SQLite lives in a file inside {@code folder}. */
    String url(Path folder) {
        return url != null ? url : "jdbc:sqlite:" + folder.resolve("jobqueue.db");
    }

    /** Queue options reaching this database. */
    Map<String, Object> options(Path folder) {
        Map<String, Object> options = new HashMap<>();
        options.put("url", url(folder));
        if (username != null) {
            options.put("username", username);
        }
        return options;
    }

    /** A queue of the jdbc backend, built as the queue manager builds it. */
    static Queue open(String name, Map<String, Object> options) {
        return Queue.open(new JdbcQueueFactory(), name, options);
    }

    /** A queue named {@code name} whose settings call it {@code configuredName} (as with a queueNamePrefix). */
    static Queue open(String name, String configuredName, Map<String, Object> options) {
        QueueContext context = QueueContext.of(name, configuredName, options, null);
        return Queue.of(context, new JdbcQueueFactory().create(context));
    }

    /** The jdbc backend under a queue. */
    static JdbcBackend backend(Queue queue) {
        return queue.backend(JdbcBackend.class).orElseThrow();
    }

    /** The table a queue keeps its messages in. */
    static String table(Queue queue) {
        return backend(queue).tableName();
    }

    /** A name no other test uses. */
    static String uniqueName(String prefix) {
        return Services.uniqueName(prefix);
    }

    /** A plain connection, outside any pool. */
    Connection connect(Path folder) throws SQLException {
        return DriverManager.getConnection(url(folder), username, null);
    }

    /** Drops the tables the conformance suite's queues left (their names start with {@code ct-}). */
    void dropConformanceTables(Path folder) {
        String catalog = switch (this) {
            case POSTGRESQL -> "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                    + " AND tablename LIKE 'jobqueue\\_messages\\_ct\\_%'";
            case MARIADB -> "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME LIKE 'jobqueue\\_messages\\_ct\\_%'";
            case SQLITE -> "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'jobqueue\\_messages\\_ct\\_%' ESCAPE '\\'";
        };
        List<String> tables = new ArrayList<>();
        try (Connection c = connect(folder); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(catalog)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the conformance suite's tables", e);
        }
        tables.forEach(table -> drop(folder, table));
    }

    /** Drops a test's table, and the side tables a queue on it may have made ({@code __unique}, {@code __limits}). */
    void drop(Path folder, String table) {
        try (Connection c = connect(folder); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            if (!table.contains(".")) {
                s.execute("DROP TABLE IF EXISTS " + TableNames.sideTable(table, "unique"));
                s.execute("DROP TABLE IF EXISTS " + TableNames.sideTable(table, "limits"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test table " + table, e);
        }
    }
}
