package io.jobqueue.jdbc;

import io.jobqueue.testkit.QueueConformanceTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance suite against the MariaDB server on 127.0.0.1 (database {@code test}). */
class MariaDbQueueConformanceTest extends QueueConformanceTest {

    private static final TestDatabases DATABASE = TestDatabases.MARIADB;

    @BeforeAll
    static void server() {
        DATABASE.assumeAvailable();
    }

    @AfterAll
    static void dropTables() {
        DATABASE.dropConformanceTables(null);
    }

    @Override
    protected Map<String, Object> backendSettings(Map<String, Object> options) {
        Map<String, Object> merged = DATABASE.options(Path.of("."));
        merged.putAll(options);
        return Map.of("className", JdbcQueueFactory.ALIAS, "options", merged);
    }
}
