package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.spi.QueueContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reservation id names one reservation and carries it: any process holding the id can end it. */
class ReservationIdTest {

    @TempDir
    Path folder;

    @Test
    void reservationIds_countTheReservationsOfARow_andPlainIdsHoldNothing() {
        try (JdbcQueue queue = new JdbcQueue(QueueContext.of("ids", TestDatabases.SQLITE.options(folder)))) {
            queue.setUp();
            String id = queue.submit("payload");
            assertThat(queue.peek(1)).extracting(Message::id).containsExactly(id);

            Message first = queue.waitAndReserve(Duration.ZERO).orElseThrow();
            assertThat(first.id()).isEqualTo(id + ".1");
            assertThat(queue.finish(id)).as("a plain row id is no reservation").isFalse();
            assertThat(queue.release(first.id(), ReleaseOptions.DEFAULT)).isTrue();

            Message second = queue.waitAndReserve(Duration.ZERO).orElseThrow();
            assertThat(second.id()).isEqualTo(id + ".2");
            assertThat(queue.abort(second.id(), "x")).isTrue();
            assertThat(queue.listFailed(1)).extracting(f -> f.message().id()).containsExactly(id);
            assertThat(queue.retryFailed(id)).isTrue();
            assertThat(queue.waitAndReserve(Duration.ZERO)).map(Message::id).contains(id + ".3");
        }
    }

    @Test
    void reservationMadeByOneQueueInstance_canBeFinishedByAnotherWithItsOwnPool() {
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
}
