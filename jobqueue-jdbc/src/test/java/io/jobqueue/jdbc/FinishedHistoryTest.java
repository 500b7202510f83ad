package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.MessageState;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the conformance suite's history theme does not see on the jdbc backend: finished rows stay
 * in the queue's table as state 4 and are pruned by the backend itself, a backlog larger than one
 * pruning statement included, on an idle queue too (by the reserver's sweep), and a table made
 * before histories existed gets the index its pruning reads.
 */
class FinishedHistoryTest {

    private static final int BACKLOG = 6_000;

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aBacklogLargerThanOneStatement_isPrunedToTheCount(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("hist-count"), options(db, Map.of("count", 10)))) {
            String table = TestDatabases.table(queue);
            try {
                List<String> payloads = new ArrayList<>();
                for (int i = 0; i < BACKLOG; i++) {
                    payloads.add("p" + i);
                }
                queue.submitAll(payloads, SubmitOptions.DEFAULT);
                for (int done = 0; done < BACKLOG; ) {
                    List<Message> batch = queue.waitAndReserve(1_000, Duration.ofSeconds(5));
                    assertThat(batch).as("a batch of the %s submitted messages", BACKLOG).isNotEmpty();
                    assertThat(queue.finishAll(batch)).hasSize(batch.size());
                    done += batch.size();
                }

                // Pruning runs at most once a second, after a finish or in the sweep of a reserve: poll.
                await("finished rows pruned to 10").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> queue.waitAndReserve(Duration.ZERO).isEmpty() && finishedRows(db, table) <= 10);
                assertThat(finishedRows(db, table)).as("finished rows kept with count 10").isEqualTo(10);
                assertThat(queue.counts().ready()).isZero();
            } finally {
                db.drop(folder, table);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anIdleQueue_prunesByAge_whileItsWorkerPolls(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("hist-idle"), options(db, "1s"))) {
            String table = TestDatabases.table(queue);
            try {
                String id = finishOne(queue);
                assertThat(finishedRows(db, table)).isEqualTo(1);

                // No more finishes: only the empty polls of a waiting worker.
                await("the finished row pruned by an idle queue").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> queue.waitAndReserve(Duration.ZERO).isEmpty() && finishedRows(db, table) == 0);
                assertThat(queue.find(id)).isEmpty();
            } finally {
                db.drop(folder, table);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabases.class, names = {"POSTGRESQL", "SQLITE"})
    void aTableWithoutTheFinishedIndex_getsItAtTheFirstPrune(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        String name = TestDatabases.uniqueName("hist-index");
        String table;
        try (Queue plain = TestDatabases.open(name, db.options(folder))) {
            plain.setUp();
            table = TestDatabases.table(plain);
        }
        try {
            String index = table + "_finished";
            execute(db, "DROP INDEX " + (db == TestDatabases.POSTGRESQL ? "IF EXISTS " : "") + "\"" + index + "\"");
            assertThat(indexExists(db, index)).as("index %s after the drop", index).isFalse();

            try (Queue kept = TestDatabases.open(name, options(db, "1h"))) {
                String id = finishOne(kept);
                assertThat(kept.find(id).map(MessageInfo::state)).contains(MessageState.FINISHED);
            }

            assertThat(indexExists(db, index)).as("index %s after a finish with retention", index).isTrue();
        } finally {
            db.drop(folder, table);
        }
    }

    private Map<String, Object> options(TestDatabases db, Object retention) {
        Map<String, Object> options = new HashMap<>(db.options(folder));
        options.put("retainFinished", retention);
        return options;
    }

    private static String finishOne(Queue queue) {
        String id = queue.submit("one more");
        Message message = queue.waitAndReserve(Duration.ofSeconds(5)).orElseThrow();
        assertThat(queue.finish(message)).isTrue();
        return id;
    }

    private long finishedRows(TestDatabases db, String table) throws SQLException {
        try (Connection c = db.connect(folder); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE state = 4")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean indexExists(TestDatabases db, String index) throws SQLException {
        String sql = db == TestDatabases.POSTGRESQL ? "SELECT COUNT(*) FROM pg_indexes WHERE indexname = '" + index + "'"
                : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '" + index + "'";
        try (Connection c = db.connect(folder); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private void execute(TestDatabases db, String sql) throws SQLException {
        try (Connection c = db.connect(folder); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
