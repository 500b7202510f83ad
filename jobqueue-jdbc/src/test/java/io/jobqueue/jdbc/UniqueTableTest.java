package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.BackendException;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Submitted;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The unique-key table {@code <table>__unique}: keys are compared exactly on every database, the
 * table is created by {@code setUp} (or the first unique submit), and a table of that name that is
 * not a queue's unique-key table is refused and left as it is.
 */
class UniqueTableTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void keysThatDifferInCaseOrATrailingSpace_areDifferentKeys(TestDatabases db) {
        db.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("uniq"), db.options(folder))) {
            try {
                Submitted lower = queue.offer("lower", SubmitOptions.DEFAULT.withUniqueKey("key"));
                Submitted upper = queue.offer("upper", SubmitOptions.DEFAULT.withUniqueKey("KEY"));
                Submitted spaced = queue.offer("spaced", SubmitOptions.DEFAULT.withUniqueKey("key "));
                Submitted accented = queue.offer("accented", SubmitOptions.DEFAULT.withUniqueKey("kéy"));

                assertThat(java.util.List.of(lower, upper, spaced, accented)).noneMatch(Submitted::duplicate);
                assertThat(queue.offer("again", SubmitOptions.DEFAULT.withUniqueKey("key ")))
                        .isEqualTo(Submitted.duplicateOf(spaced.id()));
                assertThat(queue.findUnique("KEY")).contains(upper.id());
            } finally {
                queue.flush();
                dropBoth(db, queue);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void setUp_createsTheUniqueTable_whichFlushEmpties(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("uniq"), db.options(folder))) {
            try {
                queue.setUp();
                String unique = TestDatabases.table(queue) + "__unique";
                assertThat(count(db, unique)).isZero();
                queue.offer("held", SubmitOptions.DEFAULT.withUniqueKey("k"));
                assertThat(count(db, unique)).isEqualTo(1);

                queue.flush();

                assertThat(count(db, unique)).isZero();
            } finally {
                dropBoth(db, queue);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anApplicationTableWithTheUniqueTablesName_isRefused_andKeepsItsRows(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("uniq"), db.options(folder))) {
            String unique = TestDatabases.table(queue) + "__unique";
            execute(db, "CREATE TABLE " + unique + " (id INTEGER PRIMARY KEY, email VARCHAR(100))",
                    "INSERT INTO " + unique + " (id, email) VALUES (1, 'a@example.com'), (2, 'b@example.com')");
            try {
                queue.submit("plain, without a key"); // the queue's own table is fine

                assertThatThrownBy(() -> queue.offer("x", SubmitOptions.DEFAULT.withUniqueKey("k")))
                        .isInstanceOf(BackendException.class)
                        .hasMessageContaining("table '" + unique + "'")
                        .hasMessageContaining("cannot be the unique-key table of queue")
                        .hasMessageContaining("email")
                        .hasMessageContaining("nothing was done");
                assertThatThrownBy(() -> queue.findUnique("k")).isInstanceOf(BackendException.class)
                        .hasMessageContaining("cannot be the unique-key table");
                assertThatThrownBy(queue::flush).isInstanceOf(BackendException.class)
                        .hasMessageContaining("cannot be the unique-key table");
                assertThatThrownBy(queue::setUp).isInstanceOf(BackendException.class);
                assertThat(count(db, unique)).isEqualTo(2);
                assertThat(queue.counts().ready()).as("the refused flush deleted nothing of the queue either").isEqualTo(1);
            } finally {
                dropBoth(db, queue);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void withoutAutoSetUp_aUniqueSubmitNeedsSetUp_andNothingIsCreated(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        Map<String, Object> options = db.options(folder);
        String name = TestDatabases.uniqueName("uniq");
        try (Queue creator = TestDatabases.open(name, db.options(folder))) {
            creator.submit("creates the queue table only");
            String unique = TestDatabases.table(creator) + "__unique";
            options.put("autoSetUp", false);
            try (Queue queue = TestDatabases.open(name, options)) {
                try {
                    assertThat(queue.findUnique("k")).as("a key of a queue without its unique-key table").isEmpty();
                    assertThatThrownBy(() -> queue.offer("x", SubmitOptions.DEFAULT.withUniqueKey("k")))
                            .isInstanceOf(BackendException.class)
                            .hasMessageContaining("the unique-key table '" + unique + "' does not exist")
                            .hasMessageContaining("queue.setUp()");
                    assertThat(exists(db, unique)).isFalse();

                    queue.setUp();

                    assertThat(queue.offer("x", SubmitOptions.DEFAULT.withUniqueKey("k")).duplicate()).isFalse();
                } finally {
                    dropBoth(db, queue);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aSubmitOnTheCallersConnection_refusesAUniqueKey(TestDatabases db) throws SQLException {
        db.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("uniq"), db.options(folder));
                Connection c = db.connect(folder)) {
            try {
                queue.setUp();
                assertThatThrownBy(() -> TestDatabases.backend(queue).submit(c, "x", SubmitOptions.DEFAULT.withUniqueKey("k")))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("unique key")
                        .hasMessageContaining("Queue.offer");
            } finally {
                dropBoth(db, queue);
            }
        }
    }

    private void dropBoth(TestDatabases db, Queue queue) {
        db.drop(folder, TestDatabases.table(queue) + "__unique");
        db.drop(folder, TestDatabases.table(queue));
    }

    private void execute(TestDatabases db, String... statements) throws SQLException {
        try (Connection c = db.connect(folder); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private long count(TestDatabases db, String table) throws SQLException {
        try (Connection c = db.connect(folder); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean exists(TestDatabases db, String table) throws SQLException {
        try (Connection c = db.connect(folder); ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }
}
