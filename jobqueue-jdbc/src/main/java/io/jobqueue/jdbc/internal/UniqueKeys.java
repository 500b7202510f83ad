package io.jobqueue.jdbc.internal;

import io.jobqueue.Submitted;
import io.jobqueue.UniqueScope;
import io.jobqueue.spi.NewMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unique keys of one queue table, in its side table {@code <table>__unique}: one row per key
 * (the primary key), naming the message that holds it, the kind of its scope and, for a period, when
 * the period ends on the database clock. A submit with a key runs in one transaction: it inserts the
 * key's row unless it exists, locks it ({@code SELECT … FOR UPDATE}; SQLite's writers are serialized),
 * and either finds its holder still in scope (a duplicate: nothing is stored) or inserts the message and
 * points the row at it. Two submits of one key therefore queue on the row's lock and the second sees
 * what the first committed. Rows whose scope can never hold again are deleted in bounded steps.
 * Thread-safe.
 */
final class UniqueKeys {

    /** Every column of the unique-key table. */
    static final List<String> COLUMNS = List.of("unique_key", "message_id", "scope", "expires_at");
    /** The {@code scope} column's values. */
    static final int QUEUED = 0;
    static final int ACTIVE = 1;
    static final int PERIOD = 2;
    /** The holder of a key row inserted in the current transaction, before its message is. No message has id 0. */
    private static final long NO_HOLDER_YET = 0;
    /** Key rows one prune statement deletes at most, and prune statements per run. */
    static final int PRUNE_ROWS = 500;
    static final int PRUNE_STATEMENTS = 10;

    private final Dialect dialect;
    private final Sql sql;
    private final SideTable table;
    private final String insertKey;
    private final String lockKey;
    private final String readHolder;
    private final String pointAt;
    private final String pointAtForPeriod;
    private final String find;
    private final String prunable;
    private final String prune;

    UniqueKeys(Dialect dialect, Sql sql) {
        this.dialect = dialect;
        this.sql = sql;
        String name = TableNames.sideTable(sql.tableName(), "unique");
        this.table = new SideTable(dialect, name, "unique-key table", COLUMNS, List.of(dialect.createUniqueTable(name)));
        String u = table.table();
        String now = dialect.now();
        this.insertKey = dialect.insertOrKeep(u, "unique_key, message_id, scope, expires_at", "?, " + NO_HOLDER_YET + ", "
                + ACTIVE + ", NULL", "unique_key");
        this.lockKey = "SELECT message_id, scope, CASE WHEN expires_at > " + now + " THEN 1 ELSE 0 END FROM " + u
                + " WHERE unique_key = ?" + dialect.forUpdate();
        this.readHolder = "SELECT state, epoch, CASE WHEN locked_until > " + now + " THEN 1 ELSE 0 END FROM " + sql.table()
                + " WHERE id = ?" + dialect.forUpdate();
        this.pointAt = "UPDATE " + u + " SET message_id = ?, scope = ?, expires_at = NULL WHERE unique_key = ?";
        this.pointAtForPeriod = "UPDATE " + u + " SET message_id = ?, scope = ?, expires_at = " + dialect.nowPlusMillis()
                + " WHERE unique_key = ?";
        this.find = "SELECT u.message_id, u.scope, CASE WHEN u.expires_at > " + now + " THEN 1 ELSE 0 END, m.state, m.epoch,"
                + " CASE WHEN m.locked_until > " + now + " THEN 1 ELSE 0 END FROM " + u + " u LEFT JOIN " + sql.table()
                + " m ON m.id = u.message_id WHERE u.unique_key = ?";
        // Rows that can never hold again: a period that ended, or a holder that is gone or finished
        // (ids are never reused, so a deleted holder never comes back). A failed holder keeps its row
        // until it is deleted: it ended its scope, and the next submit of the key takes the row over.
        this.prunable = "SELECT u.unique_key, u.message_id FROM " + u + " u LEFT JOIN " + sql.table() + " m ON m.id = u.message_id"
                + " WHERE (u.scope = " + PERIOD + " AND u.expires_at <= " + now + ") OR (u.scope <> " + PERIOD
                + " AND (m.id IS NULL OR m.state = " + Sql.FINISHED + ")) LIMIT " + PRUNE_ROWS;
        // The holder's id is part of the condition: a row a submit points at a new message meanwhile is kept.
        this.prune = "DELETE FROM " + u + " WHERE unique_key = ? AND message_id = ?";
    }

    /** The side table. */
    SideTable table() {
        return table;
    }

    /**
     * Stores the messages whose keys no live holder has, on the connection, inside the caller's
     * transaction (see {@link Dialect#inTransaction}); returns what happened to each, in order.
     */
    List<Submitted> submit(Connection c, List<NewMessage> messages) throws SQLException {
        List<Submitted> result = new ArrayList<>(messages.size());
        Map<String, Submitted> inBatch = new HashMap<>();
        for (NewMessage message : messages) {
            String key = message.uniqueKey();
            if (key == null) {
                result.add(Submitted.stored(Long.toString(dialect.insert(c, sql, List.of(message), false).get(0))));
                continue;
            }
            Submitted earlier = inBatch.get(key);
            if (earlier != null) {
                result.add(Submitted.duplicateOf(earlier.id()));
                continue;
            }
            Submitted submitted = submitOne(c, key, message);
            inBatch.put(key, submitted);
            result.add(submitted);
        }
        return result;
    }

    private Submitted submitOne(Connection c, String key, NewMessage message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertKey)) {
            dialect.bindKey(ps, 1, key);
            ps.executeUpdate();
        }
        long holder;
        int scope;
        boolean inPeriod;
        try (PreparedStatement ps = c.prepareStatement(lockKey)) {
            dialect.bindKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // Deleted by a prune between the insert and the lock: the run is retried as a whole.
                    throw new SQLException("the row of a unique key vanished while it was being taken", "40001");
                }
                holder = rs.getLong(1);
                scope = rs.getInt(2);
                inPeriod = rs.getInt(3) == 1;
            }
        }
        if (holder != NO_HOLDER_YET && holds(c, holder, scope, inPeriod)) {
            return Submitted.duplicateOf(Long.toString(holder));
        }
        long id = dialect.insert(c, sql, List.of(message), false).get(0);
        UniqueScope newScope = message.uniqueScope();
        boolean period = newScope.kind() == UniqueScope.Kind.PERIOD;
        try (PreparedStatement ps = c.prepareStatement(period ? pointAtForPeriod : pointAt)) {
            int i = 1;
            ps.setLong(i++, id);
            ps.setInt(i++, kind(newScope));
            if (period) {
                ps.setLong(i++, newScope.period().toMillis());
            }
            dialect.bindKey(ps, i, key);
            ps.executeUpdate();
        }
        return Submitted.stored(Long.toString(id));
    }

    /** Whether the message still holds a key of that scope, read (and locked) on the connection now. */
    private boolean holds(Connection c, long holder, int scope, boolean inPeriod) throws SQLException {
        if (scope == PERIOD) {
            return inPeriod;
        }
        try (PreparedStatement ps = c.prepareStatement(readHolder)) {
            ps.setLong(1, holder);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && live(scope, rs.getInt(1), rs.getLong(2), rs.getInt(3) == 1);
            }
        }
    }

    /**
     * Whether a holder in this state is within a queued or active scope: ready or delayed (a lapsed
     * lease counts as ready), and for active also reserved; a cancelled reservation holds nothing.
     */
    static boolean live(int scope, int state, long epoch, boolean leaseRunning) {
        boolean reserved = state == Sql.RESERVED && epoch != Sql.CANCELLED_EPOCH;
        if (scope == QUEUED) {
            return state == Sql.READY || reserved && !leaseRunning;
        }
        return state == Sql.READY || reserved;
    }

    private static int kind(UniqueScope scope) {
        return switch (scope.kind()) {
            case QUEUED -> QUEUED;
            case ACTIVE -> ACTIVE;
            case PERIOD -> PERIOD;
        };
    }

    /** The live holder of the key, in one SELECT; empty when none holds it. */
    Optional<String> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(find)) {
            dialect.bindKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long holder = rs.getLong(1);
                int scope = rs.getInt(2);
                boolean live;
                if (scope == PERIOD) {
                    live = rs.getInt(3) == 1;
                } else {
                    int state = rs.getInt(4);
                    live = !rs.wasNull() && live(scope, state, rs.getLong(5), rs.getInt(6) == 1);
                }
                return live ? Optional.of(Long.toString(holder)) : Optional.empty();
            }
        }
    }

    /** Deletes every key row, after checking the table again; nothing when it does not exist. */
    int flush(Connection c) throws SQLException {
        if (!table.check(c)) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.table())) {
            return ps.executeUpdate();
        }
    }

    /**
     * Deletes key rows that can never hold again, at most {@value #PRUNE_ROWS} a statement and
     * {@value #PRUNE_STATEMENTS} statements; returns how many.
     */
    int prune(Connection c) throws SQLException {
        int deleted = 0;
        for (int round = 0; round < PRUNE_STATEMENTS; round++) {
            List<String> keys = new ArrayList<>();
            List<Long> holders = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(prunable); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(dialect.readKey(rs, 1));
                    holders.add(rs.getLong(2));
                }
            }
            if (keys.isEmpty()) {
                break;
            }
            try (PreparedStatement ps = c.prepareStatement(prune)) {
                for (int i = 0; i < keys.size(); i++) {
                    dialect.bindKey(ps, 1, keys.get(i));
                    ps.setLong(2, holders.get(i));
                    ps.addBatch();
                }
                for (int count : ps.executeBatch()) {
                    deleted += Math.max(count, 0);
                }
            }
            if (keys.size() < PRUNE_ROWS) {
                break;
            }
        }
        return deleted;
    }
}
