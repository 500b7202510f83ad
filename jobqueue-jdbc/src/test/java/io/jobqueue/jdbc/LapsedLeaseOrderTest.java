package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A message whose lease ran out goes back to its old place in line, not behind the messages submitted after it. */
class LapsedLeaseOrderTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aLapsedLease_keepsItsPlaceInLine(TestDatabases db) {
        db.assumeAvailable();
        Map<String, Object> options = db.options(folder);
        options.put("leaseTimeout", 0.5);
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("lapsed"), options)) {
            try {
                queue.submit("first");
                Message lost = queue.waitAndReserve(Duration.ZERO).orElseThrow();
                queue.submitAll(List.of("second", "third"), io.jobqueue.SubmitOptions.DEFAULT);

                await("the message whose lease ran out to be ready again").atMost(Duration.ofSeconds(10))
                        .until(() -> queue.peek(3).size() == 3);

                assertThat(queue.peek(3)).extracting(Message::payload).as("the ready messages after %s's lease ran out", lost.id())
                        .containsExactly("first", "second", "third");
                assertThat(queue.waitAndReserve(3, Duration.ZERO)).extracting(Message::payload)
                        .containsExactly("first", "second", "third");
            } finally {
                db.drop(folder, TestDatabases.table(queue));
            }
        }
    }
}
