package io.jobqueue.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Queue;
import io.jobqueue.jdbc.JdbcQueueFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolRegistryTest {

    @TempDir
    Path folder;

    @Test
    void queuesOnTheSameDatabase_shareOnePool_whichClosesWithTheLastQueue() {
        int before = PoolRegistry.openPools();
        Map<String, Object> options = Map.of("path", folder.resolve("shared.db").toString());
        Queue first = Queue.open(new JdbcQueueFactory(), "first", options);
        Queue second = Queue.open(new JdbcQueueFactory(), "second", options);
        Queue elsewhere = Queue.open(new JdbcQueueFactory(), "third", Map.of("path", folder.resolve("other.db").toString()));
        assertThat(PoolRegistry.openPools()).isEqualTo(before + 2);

        first.close();
        first.close();
        assertThat(PoolRegistry.openPools()).as("second still uses the shared pool").isEqualTo(before + 2);
        second.setUp();
        second.submit("still works");
        assertThat(second.countReady()).isEqualTo(1);

        second.close();
        elsewhere.close();
        assertThat(PoolRegistry.openPools()).isEqualTo(before);
    }
}
