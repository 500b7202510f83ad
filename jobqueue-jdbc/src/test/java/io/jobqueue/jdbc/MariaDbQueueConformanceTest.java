package io.jobqueue.jdbc;

import io.jobqueue.Queue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.testkit.QueueConformanceTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance suite against the MariaDB server on 127.0.0.1 (database {@code test}). */
class MariaDbQueueConformanceTest extends QueueConformanceTest {

    private static final TestDatabases DATABASE = TestDatabases.MARIADB;
    private static final List<String> TABLES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void server() {
        DATABASE.assumeAvailable();
    }

    @AfterAll
    static void dropTables() {
        TABLES.forEach(table -> DATABASE.drop(null, table));
    }

    @Override
    protected Queue createQueue(String name, Map<String, Object> options) {
        Map<String, Object> merged = DATABASE.options(Path.of("."));
        merged.putAll(options);
        JdbcQueue queue = (JdbcQueue) new JdbcQueueFactory().create(QueueContext.of(name, merged));
        TABLES.add(queue.options().tableName());
        return queue;
    }
}
