package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.spi.QueueContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message's id is its row id for its whole life, and any process holding it can end the reservation. */
class MessageIdTest {

    @TempDir
    Path folder;

    @Test
    void theIdStaysTheSameFromSubmitThroughReleasesAbortAndRetry() {
        try (JdbcQueue queue = new JdbcQueue(QueueContext.of("ids", TestDatabases.SQLITE.options(folder)))) {
            queue.setUp();
            String id = queue.submit("payload");
            assertThat(queue.peek(1)).extracting(Message::id).containsExactly(id);
            assertThat(queue.waitAndReserve(Duration.ZERO)).map(Message::id).contains(id);
            assertThat(queue.release(id, ReleaseOptions.DEFAULT)).isTrue();
            assertThat(queue.waitAndReserve(Duration.ZERO)).map(Message::id).contains(id);
            assertThat(queue.abort(id, "x")).isTrue();
            assertThat(queue.listFailed(1)).extracting(f -> f.message().id()).containsExactly(id);
            assertThat(queue.retryFailed(id)).isTrue();
            assertThat(queue.waitAndTake(Duration.ZERO)).map(Message::id).contains(id);
            assertThat(queue.finish("not-a-number")).isFalse();
        }
    }

    @Test
    void aReservationMadeInOnePool_canBeFinishedThroughAnotherPool() {
        TestDatabases.POSTGRESQL.assumeAvailable();
        String name = TestDatabases.uniqueName("carry");
        Map<String, Object> other = TestDatabases.POSTGRESQL.options(folder);
        other.put("url", other.get("url") + "?ApplicationName=jobqueue-test-other");
        try (JdbcQueue reserver = new JdbcQueue(QueueContext.of(name, TestDatabases.POSTGRESQL.options(folder)));
                JdbcQueue finisher = new JdbcQueue(QueueContext.of(name, other))) {
            reserver.setUp();
            reserver.submit("payload");
            Message reserved = reserver.waitAndReserve(Duration.ZERO).orElseThrow();

            assertThat(finisher.extendLease(reserved.id())).isTrue();
            assertThat(finisher.finish(reserved.id())).isTrue();
            assertThat(reserver.finish(reserved.id())).isFalse();
            TestDatabases.POSTGRESQL.drop(folder, reserver.options().tableName());
        }
    }

    @Test
    void aLeaseThatRanOut_holdsNothingEvenBeforeTheSweepPutTheMessageBack() throws Exception {
        Map<String, Object> options = TestDatabases.SQLITE.options(folder);
        options.put("leaseTimeout", 60);
        try (JdbcQueue queue = new JdbcQueue(QueueContext.of("expired", options))) {
            queue.setUp();
            String id = queue.submit("payload");
            assertThat(queue.waitAndReserve(Duration.ZERO)).isPresent();
            // Let the lease run out in the table itself; no sweep has run since.
            try (Connection c = TestDatabases.SQLITE.connect(folder); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE " + queue.options().tableName() + " SET locked_until = locked_until - 120000");
            }
            assertThat(queue.extendLease(id)).isFalse();
            assertThat(queue.release(id, ReleaseOptions.DEFAULT)).isFalse();
            assertThat(queue.abort(id, "late")).isFalse();
            assertThat(queue.finish(id)).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.countReady() == 1);
            assertThat(queue.waitAndReserve(Duration.ZERO)).map(Message::numberOfReleases).contains(1);
        }
    }
}
