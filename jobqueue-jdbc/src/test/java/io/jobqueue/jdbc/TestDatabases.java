package io.jobqueue.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import io.jobqueue.testkit.Services;

/** The three databases the JDBC tests run against, with unique queue names and table clean-up. */
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

    /** A name no other test uses. */
    static String uniqueName(String prefix) {
        return Services.uniqueName(prefix);
    }

    /** A plain connection, outside any pool. */
    Connection connect(Path folder) throws SQLException {
        return DriverManager.getConnection(url(folder), username, null);
    }

    /** Drops a test's table. */
    void drop(Path folder, String table) {
        try (Connection c = connect(folder); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test table " + table, e);
        }
    }
}
