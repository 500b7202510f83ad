package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.QueueContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
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
        try (JdbcQueue queue = new JdbcQueue(QueueContext.of(TestDatabases.uniqueName("tx"), db.options(folder)))) {
            queue.setUp();
            try (Connection connection = db.connect(folder)) {
                connection.setAutoCommit(false);
                queue.submit(connection, "rolled back", SubmitOptions.DEFAULT);
                connection.rollback();
                assertThat(queue.countReady()).isZero();
                assertThat(queue.waitAndReserve(Duration.ZERO)).isEmpty();

                String id = queue.submit(connection, "committed", SubmitOptions.DEFAULT);
                assertThat(queue.peek(10)).as("not visible before commit").isEmpty();
                connection.commit();
            }
            Message message = queue.waitAndReserve(Duration.ZERO).orElseThrow();
            assertThat(message.payload()).isEqualTo("committed");
            assertThat(queue.countReady()).isZero();
            db.drop(folder, queue.options().tableName());
        }
    }
}
