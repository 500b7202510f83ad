package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two configured queues never share a table without knowing it: their names map one-to-one, or start-up stops. */
class SharedStorageTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void queueNamesThatDifferOnlyInFoldedCharacters_getTablesOfTheirOwn(TestDatabases db) {
        db.assumeAvailable();
        String suffix = TestDatabases.uniqueName("").toLowerCase();
        pairStaysApart(db, "orders-x" + suffix, "orders_x" + suffix);
        pairStaysApart(db, "邮件" + suffix, "邮箱" + suffix);
        pairStaysApart(db, "Mail" + suffix, "mail" + suffix);
    }

    private void pairStaysApart(TestDatabases db, String one, String other) {
        Map<String, Object> queues = new LinkedHashMap<>();
        queues.put(one, Map.of("className", "jdbc", "options", db.options(folder)));
        queues.put(other, Map.of("className", "jdbc", "options", db.options(folder)));
        try (QueueManager manager = new QueueManager(JobQueueSettings.fromMap(Map.of("queues", queues), "test"))) {
            Queue first = manager.getQueue(one);
            Queue second = manager.getQueue(other);
            first.setUp();
            second.setUp();
            try {
                first.submit("for " + one);
                second.submit("for " + other);
                second.flush();
                assertThat(first.countReady()).isEqualTo(1);
                assertThat(second.countReady()).isZero();
                assertThat(first.waitAndTake(Duration.ZERO)).get().extracting(m -> m.payload()).isEqualTo("for " + one);
            } finally {
                db.drop(folder, TestDatabases.table(first));
                db.drop(folder, TestDatabases.table(second));
            }
        }
    }

    @Test
    void twoQueuesNamingTheSameTable_stopStartUp_namingBoth() {
        Map<String, Object> options = Map.of("path", folder.resolve("q.db").toString(), "tableName", "shared_jobs");
        Map<String, Object> queues = new LinkedHashMap<>();
        queues.put("email", Map.of("className", "jdbc", "options", options));
        queues.put("reports", Map.of("className", "jdbc", "options",
                Map.of("path", folder.resolve("./q.db").toString(), "tableName", "shared_jobs")));
        try (QueueManager manager = new QueueManager(JobQueueSettings.fromMap(Map.of("queues", queues), "test"))) {
            assertThatThrownBy(() -> manager.getQueue("reports")).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("queues 'email' and 'reports' would keep their messages in the same place")
                    .hasMessageContaining("table shared_jobs");
            assertThatThrownBy(() -> manager.getQueue("email")).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("'reports' and 'email'");
        }
    }

    @Test
    void aPrefixAndANameThatSpellTheSameBackendName_stopStartUp() {
        Map<String, Object> options = Map.of("path", folder.resolve("q.db").toString());
        Map<String, Object> queues = new LinkedHashMap<>();
        queues.put("b", Map.of("className", "jdbc", "queueNamePrefix", "a-", "options", options));
        queues.put("a-b", Map.of("className", "jdbc", "options", options));
        try (QueueManager manager = new QueueManager(JobQueueSettings.fromMap(Map.of("queues", queues), "test"))) {
            assertThatThrownBy(() -> manager.getQueue("b")).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("queues 'a-b' and 'b'");
        }
    }

    @Test
    void theSameTableInTwoDatabases_isNoCollision() {
        Map<String, Object> queues = new LinkedHashMap<>();
        queues.put("email", Map.of("className", "jdbc", "options", Map.of("path", folder.resolve("one.db").toString(), "tableName", "jobs")));
        queues.put("reports", Map.of("className", "jdbc", "options", Map.of("path", folder.resolve("two.db").toString(), "tableName", "jobs")));
        try (QueueManager manager = new QueueManager(JobQueueSettings.fromMap(Map.of("queues", queues), "test"))) {
            assertThat(manager.getQueue("email")).isNotNull();
            assertThat(manager.getQueue("reports")).isNotNull();
        }
    }
}
