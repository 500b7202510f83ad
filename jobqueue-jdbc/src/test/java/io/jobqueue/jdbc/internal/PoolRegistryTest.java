package io.jobqueue.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.jdbc.JdbcQueue;
import io.jobqueue.spi.QueueContext;
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
        JdbcQueue first = new JdbcQueue(QueueContext.of("first", options));
        JdbcQueue second = new JdbcQueue(QueueContext.of("second", options));
        JdbcQueue elsewhere = new JdbcQueue(QueueContext.of("third", Map.of("path", folder.resolve("other.db").toString())));
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
