package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.QueueContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MySQL dialect (ids from generated keys, as MySQL has no INSERT … RETURNING), exercised
 * through a {@code jdbc:mysql:} URL against the MariaDB server, which speaks the same protocol.
 */
class MySqlDialectTest {

    @TempDir
    Path folder;

    @Test
    void mysqlUrl_submitsInOrder_reservesInBatches_andFinishes() {
        TestDatabases.MARIADB.assumeAvailable();
        Map<String, Object> options = TestDatabases.MARIADB.options(folder);
        options.put("url", "jdbc:mysql://127.0.0.1:3306/test?permitMysqlScheme");
        try (JdbcQueue queue = new JdbcQueue(QueueContext.of(TestDatabases.uniqueName("mysql"), options))) {
            assertThat(queue.toString()).contains("mysql");
            queue.setUp();
            List<String> ids = queue.submitAll(List.of("a", "b", "c"), SubmitOptions.DEFAULT);
            assertThat(ids).hasSize(3);
            assertThat(ids.stream().map(Long::valueOf).toList()).isSorted();
            assertThat(queue.peek(3)).extracting(Message::id).containsExactlyElementsOf(ids);

            List<Message> reserved = queue.waitAndReserve(5, Duration.ZERO);
            assertThat(reserved).extracting(Message::payload).containsExactly("a", "b", "c");
            assertThat(queue.finishAll(reserved.stream().map(Message::id).toList())).isEqualTo(3);
            TestDatabases.MARIADB.drop(folder, queue.options().tableName());
        }
    }
}
