package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A message's id is its row id for its whole life and its token the row's epoch, and any process
 * holding the reservation can end it.
 */
class MessageIdTest {

    @TempDir
    Path folder;

    @Test
    void theIdStaysTheSameFromSubmitThroughReleasesAbortAndRetry() {
        try (Queue queue = TestDatabases.open("ids", TestDatabases.SQLITE.options(folder))) {
            queue.setUp();
            String id = queue.submit("payload");
            assertThat(queue.peek(1)).extracting(Message::id).containsExactly(id);
            Message first = queue.waitAndReserve(Duration.ZERO).orElseThrow();
            assertThat(first.id()).isEqualTo(id);
            assertThat(queue.release(first, ReleaseOptions.DEFAULT)).isTrue();
            Message second = queue.waitAndReserve(Duration.ZERO).orElseThrow();
            assertThat(second.id()).isEqualTo(id);
            assertThat(queue.abort(second, "x")).isTrue();
            assertThat(queue.listFailed(1)).extracting(f -> f.message().id()).containsExactly(id);
            assertThat(queue.retryFailed(id)).isTrue();
            assertThat(queue.waitAndTake(Duration.ZERO)).map(Message::id).contains(id);
            assertThat(queue.finish(new Message("not-a-number", "x", Map.of(), 0, 1, "1"))).isFalse();
            assertThat(queue.finish(new Message(id, "x", Map.of(), 0, 1, "not-a-number"))).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theTokenIsTheEpochOfTheClaim_andNoTwoClaimsOfAMessageShareOne(TestDatabases db) throws Exception {
        db.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("epoch"), db.options(folder))) {
            queue.setUp();
            queue.submit("payload");
            Set<String> tokens = new HashSet<>();
            for (int i = 1; i <= 5; i++) {
                Message reserved = queue.waitAndReserve(Duration.ZERO).orElseThrow();
                assertThat(reserved.token()).isEqualTo(String.valueOf(storedEpoch(db, TestDatabases.table(queue))));
                assertThat(reserved.numberOfDeliveries()).isEqualTo(i);
                assertThat(tokens.add(reserved.token())).as("token %s is new", reserved.token()).isTrue();
                assertThat(queue.release(reserved, ReleaseOptions.GIVE_BACK)).isTrue();
            }
            db.drop(folder, TestDatabases.table(queue));
        }
    }

    @Test
    void aReservationMadeInOnePool_canBeFinishedThroughAnotherPool() {
        TestDatabases.POSTGRESQL.assumeAvailable();
        String name = TestDatabases.uniqueName("carry");
        Map<String, Object> other = TestDatabases.POSTGRESQL.options(folder);
        other.put("url", other.get("url") + "?ApplicationName=jobqueue-test-other");
        try (Queue reserver = TestDatabases.open(name, TestDatabases.POSTGRESQL.options(folder));
                Queue finisher = TestDatabases.open(name, other)) {
            reserver.setUp();
            reserver.submit("payload");
            Message reserved = reserver.waitAndReserve(Duration.ZERO).orElseThrow();

            assertThat(finisher.extendLease(reserved)).isTrue();
            assertThat(finisher.finish(reserved)).isTrue();
            assertThat(reserver.finish(reserved)).isFalse();
            TestDatabases.POSTGRESQL.drop(folder, TestDatabases.table(reserver));
        }
    }

    @Test
    void aLeaseThatRanOut_holdsNothingEvenBeforeTheSweepPutTheMessageBack_andCountsNoRelease() throws Exception {
        Map<String, Object> options = TestDatabases.SQLITE.options(folder);
        options.put("leaseTimeout", 60);
        try (Queue queue = TestDatabases.open("expired", options)) {
            queue.setUp();
            queue.submit("payload");
            Message reserved = queue.waitAndReserve(Duration.ZERO).orElseThrow();
            // Let the lease run out in the table itself; no sweep has run since.
            try (Connection c = TestDatabases.SQLITE.connect(folder); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE " + TestDatabases.table(queue) + " SET locked_until = locked_until - 120000");
            }
            assertThat(queue.extendLease(reserved)).isFalse();
            assertThat(queue.release(reserved, ReleaseOptions.DEFAULT)).isFalse();
            assertThat(queue.abort(reserved, "late")).isFalse();
            assertThat(queue.finish(reserved)).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.countReady() == 1);
            Message again = queue.waitAndReserve(Duration.ZERO).orElseThrow();
            assertThat(again.numberOfReleases()).as("an expired lease is no release").isZero();
            assertThat(again.numberOfDeliveries()).isEqualTo(2);
        }
    }

    private long storedEpoch(TestDatabases db, String table) throws Exception {
        try (Connection c = db.connect(folder); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT epoch FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
