package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
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
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("mysql"), options)) {
            assertThat(TestDatabases.backend(queue).toString()).contains("mysql");
            queue.setUp();
            List<String> ids = queue.submitAll(List.of("a", "b", "c"), SubmitOptions.DEFAULT);
            assertThat(ids).hasSize(3);
            assertThat(ids.stream().map(Long::valueOf).toList()).isSorted();
            assertThat(queue.peek(3)).extracting(Message::id).containsExactlyElementsOf(ids);

            List<Message> reserved = queue.waitAndReserve(5, Duration.ZERO);
            assertThat(reserved).extracting(Message::payload).containsExactly("a", "b", "c");
            assertThat(queue.release(reserved.get(0), ReleaseOptions.DEFAULT)).isTrue();
            assertThat(queue.finishAll(reserved)).as("the released one is no longer held").hasSize(2);
            assertThat(queue.waitAndReserve(Duration.ZERO)).map(Message::numberOfReleases).contains(1);
            TestDatabases.MARIADB.drop(folder, TestDatabases.table(queue));
        }
    }
}
