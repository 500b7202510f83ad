package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransactionalSubmitTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void submitOnCallersConnection_existsExactlyWhenTheTransactionCommits(TestDatabases db) throws Exception {
        db.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("tx"), db.options(folder))) {
            queue.setUp();
            JdbcBackend backend = TestDatabases.backend(queue);
            try (Connection connection = db.connect(folder)) {
                connection.setAutoCommit(false);
                backend.submit(connection, "rolled back", SubmitOptions.DEFAULT);
                connection.rollback();
                assertThat(queue.countReady()).isZero();
                assertThat(queue.waitAndReserve(Duration.ZERO)).isEmpty();

                backend.submit(connection, "committed", SubmitOptions.DEFAULT.withHeader("tenant", "acme"));
                assertThat(queue.peek(10)).as("not visible before commit").isEmpty();
                connection.commit();
            }
            Message message = queue.waitAndReserve(Duration.ZERO).orElseThrow();
            assertThat(message.payload()).isEqualTo("committed");
            assertThat(message.headers()).isEqualTo(Map.of("tenant", "acme"));
            assertThat(queue.countReady()).isZero();
            db.drop(folder, TestDatabases.table(queue));
        }
    }
}
