package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseClockTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void delay_isCountedOnTheDatabaseClock_withFractionsOfASecond(TestDatabases db) throws Exception {
        db.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("clock"), db.options(folder))) {
            queue.setUp();
            String id = queue.submit("later", SubmitOptions.delayed(Duration.ofMillis(1500)));

            // due_at and created_at both come from the database clock in one statement.
            assertThat(storedDelayMillis(db, TestDatabases.table(queue))).isEqualTo(1500);
            assertThat(queue.countReady()).isZero();
            assertThat(queue.peek(1)).isEmpty();
            assertThat(queue.waitAndReserve(Duration.ZERO)).isEmpty();

            assertThat(queue.counts().delayed()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(20)).until(() -> queue.countReady() == 1);
            assertThat(queue.counts().delayed()).isZero();
            Optional<Message> message = queue.waitAndReserve(Duration.ZERO);
            assertThat(message).map(Message::id).contains(id);
            db.drop(folder, TestDatabases.table(queue));
        }
    }

    private long storedDelayMillis(TestDatabases db, String table) throws Exception {
        String difference = switch (db) {
            case POSTGRESQL -> "ROUND(EXTRACT(EPOCH FROM due_at - created_at) * 1000)";
            case MARIADB -> "TIMESTAMPDIFF(MICROSECOND, created_at, due_at) DIV 1000";
            case SQLITE -> "due_at - created_at";
        };
        try (Connection c = db.connect(folder); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + difference + " FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
