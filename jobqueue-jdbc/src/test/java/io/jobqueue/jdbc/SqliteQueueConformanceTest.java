package io.jobqueue.jdbc;

import io.jobqueue.testkit.QueueConformanceTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite against an SQLite file in a temporary folder, built through the settings alias. */
class SqliteQueueConformanceTest extends QueueConformanceTest {

    @TempDir
    static Path folder;

    @Override
    protected Map<String, Object> backendSettings(Map<String, Object> options) {
        Map<String, Object> merged = new HashMap<>(Map.of("path", folder.resolve("queues/jobqueue.db").toString()));
        merged.putAll(options);
        return Map.of("className", JdbcQueueFactory.ALIAS, "options", merged);
    }
}
