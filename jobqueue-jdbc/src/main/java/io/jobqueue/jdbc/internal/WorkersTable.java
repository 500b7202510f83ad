package io.jobqueue.jdbc.internal;

import io.jobqueue.BackendException;
import io.jobqueue.WorkerHeartbeat;
import io.jobqueue.spi.HeartbeatFields;
import io.jobqueue.spi.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The heartbeats of the workers that use a database, one row per worker in {@value #NAME} (next to
 * the queue tables, resolved as they are): an upsert per beat, its {@code last_seen} and
 * {@code expires_at} on the database clock. A row whose {@code expires_at} passed is never listed;
 * publishes delete such rows, at most {@value #DELETE_LIMIT} per statement and at most once a
 * {@link #PRUNE_EVERY} per instance. Before its first statement, and before every delete of expired
 * rows, the name must resolve to a plain table with exactly {@link #COLUMNS}; anything else of that
 * name is refused and left alone. Created by {@code setUp} and, with {@code autoSetUp}, by the first
 * publish. Thread-safe.
 */
public final class WorkersTable {

    /** The table's name. */
    public static final String NAME = "jobqueue_workers";
    /** Every column the table has, and no other. */
    static final List<String> COLUMNS = List.of("worker_id", "host", "pid", "queues", "concurrency", "running_jobs",
            "processed", "succeeded", "released", "failed", "started_at", "last_seen", "expires_at");
    /** Most expired rows one delete removes. */
    static final int DELETE_LIMIT = 100;
    /** How seldom an instance deletes expired rows. */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final Dialect dialect;
    private final DataSource dataSource;
    private final String queueName;
    private final String redactedUrl;
    private final Set<String> secrets;
    private final boolean autoSetUp;
    private final String table;
    private final String upsert;
    private final String live;
    private volatile boolean verified;
    private volatile long nextPruneNanos = System.nanoTime();

    public WorkersTable(Dialect dialect, DataSource dataSource, String queueName, String redactedUrl, Set<String> secrets,
            boolean autoSetUp) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.queueName = queueName;
        this.redactedUrl = redactedUrl;
        this.secrets = secrets;
        this.autoSetUp = autoSetUp;
        this.table = dialect.quote(NAME);
        List<String> updated = COLUMNS.subList(1, COLUMNS.size());
        this.upsert = "INSERT INTO " + table + " (" + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + dialect.now() + ", " + dialect.nowPlusMillis() + ")" + dialect.onConflictUpdate("worker_id", updated);
        this.live = "expires_at > " + dialect.now();
    }

    /** Where the table is, for the worker's one-beat-per-place rule; never credentials. */
    public String location() {
        return redactedUrl + " table " + NAME;
    }

    /** Creates the table when it is missing and checks that it is the workers table. */
    public void setUp() {
        run("set up the workers table", c -> {
            ensure(c, true);
            return null;
        });
    }

    /** Upserts the beat, to live {@code ttl} on the database clock; now and then deletes expired rows first. */
    public void publish(WorkerHeartbeat beat, Duration ttl) {
        run("publish a worker heartbeat", c -> {
            if (!verified && !ensure(c, autoSetUp)) {
                throw new SQLException("the workers table '" + NAME + "' does not exist and option autoSetUp is false;"
                        + " create it with queue.setUp() in Java or `jobqueue queue:setup " + queueName + "`");
            }
            long now = System.nanoTime();
            if (now - nextPruneNanos >= 0) {
                nextPruneNanos = now + PRUNE_EVERY.toNanos();
                prune(c);
            }
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                int i = 1;
                ps.setString(i++, beat.workerId());
                ps.setString(i++, beat.host());
                ps.setLong(i++, beat.pid());
                ps.setString(i++, HeartbeatFields.queuesToText(beat.queues()));
                ps.setInt(i++, beat.concurrency());
                ps.setInt(i++, beat.runningJobs());
                ps.setLong(i++, beat.processed());
                ps.setLong(i++, beat.succeeded());
                ps.setLong(i++, beat.released());
                ps.setLong(i++, beat.failed());
                dialect.bindInstant(ps, i++, beat.startedAt());
                ps.setLong(i, Math.max(1, ttl.toMillis()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Deletes the worker's row; true when it was live. */
    public boolean remove(String workerId) {
        return run("remove a worker heartbeat", c -> {
            if (!verified && !ensure(c, false)) {
                return false;
            }
            check(c); // a delete is made only after the name was found to be the workers table again
            int live;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE worker_id = ? AND " + this.live)) {
                ps.setString(1, workerId);
                live = ps.executeUpdate();
            }
            if (live == 0) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE worker_id = ?")) {
                    ps.setString(1, workerId);
                    ps.executeUpdate();
                }
            }
            return live > 0;
        });
    }

    /** Up to {@code limit} live rows, the most recently seen first; none when the table does not exist. */
    public List<WorkerHeartbeat> list(int limit) {
        return run("list worker heartbeats", c -> {
            List<WorkerHeartbeat> beats = new ArrayList<>();
            if (!verified && !ensure(c, false)) {
                return beats;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", COLUMNS) + " FROM " + table
                    + " WHERE " + live + " ORDER BY last_seen DESC, worker_id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        beats.add(new WorkerHeartbeat(rs.getString("worker_id"), rs.getString("host"), rs.getLong("pid"),
                                HeartbeatFields.queuesFromText(rs.getString("queues")), rs.getInt("concurrency"),
                                rs.getInt("running_jobs"), rs.getLong("processed"), rs.getLong("succeeded"),
                                rs.getLong("released"), rs.getLong("failed"), dialect.instant(rs, "started_at"),
                                dialect.instant(rs, "last_seen")));
                    }
                }
            }
            return beats;
        });
    }

    private void prune(Connection c) throws SQLException {
        check(c);
        try (PreparedStatement ps = c.prepareStatement(dialect.deleteLimited(table, "worker_id", "expires_at <= " + dialect.now()))) {
            ps.setInt(1, DELETE_LIMIT);
            ps.executeUpdate();
        }
    }

    /**
     * Checks the table, creating it first when {@code create} and it is missing; false when it is
     * missing (and was not created).
     */
    private boolean ensure(Connection c, boolean create) throws SQLException {
        if (check(c)) {
            return true;
        }
        if (!create) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(dialect.createWorkersTable(NAME))) {
            ps.execute();
        } catch (SQLException e) {
            // two processes creating it at once: PostgreSQL reports a duplicate
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
        }
        return check(c);
    }

    /** True when the name is the workers table, false when nothing has it; throws for anything else. */
    private boolean check(Connection c) throws SQLException {
        Relation relation = dialect.relation(c, NAME);
        if (!relation.exists()) {
            verified = false;
            return false;
        }
        if (relation.problem() != null) {
            throw new NotTheWorkersTable(relation.problem());
        }
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0"); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        if (columns.size() != COLUMNS.size() || !columns.containsAll(COLUMNS)) {
            throw new NotTheWorkersTable("its columns are " + columns + ", not those of the workers table " + COLUMNS);
        }
        verified = true;
        return true;
    }

    private <T> T run(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            try {
                return work.run(c);
            } finally {
                if (!autoCommit) {
                    c.setAutoCommit(false);
                }
            }
        } catch (NotTheWorkersTable e) {
            throw new BackendException(mask("table '" + NAME + "' at " + redactedUrl + " is not the workers table of jobqueue ("
                    + e.getMessage() + "), so queue '" + queueName + "' does not touch it; rename or drop it if nothing else"
                    + " needs it"), queueName, Secrets.mask(e, secrets));
        } catch (SQLException e) {
            throw new BackendException(mask("cannot " + operation + " for queue '" + queueName + "' (table '" + NAME + "' at "
                    + redactedUrl + "): " + e.getMessage()), queueName, Secrets.mask(e, secrets));
        }
    }

    private String mask(String text) {
        return Secrets.mask(text, secrets);
    }

    /** Work on a connection. */
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The name resolves to something that is not the workers table. */
    private static final class NotTheWorkersTable extends SQLException {
        private static final long serialVersionUID = 1L;

        NotTheWorkersTable(String problem) {
            super(problem);
        }
    }
}
