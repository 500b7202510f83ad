package io.jobqueue.jdbc.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The lease tokens of the reservations one queue instance made, by message id. A claim stores a
 * random token in the rows it reserves; finishing, releasing, aborting and extending match on it, so
 * a holder whose lease ran out (and whose message someone else reserved since) is refused.
 *
 * <p>A token is forgotten when its reservation ended through this instance. When a call is refused
 * the token is kept, so the stale holder keeps being refused instead of falling back to "any holder",
 * which is what ids this instance never reserved get. Thread-safe.
 */
public final class Leases {

    private final Map<Long, Long> tokens = new ConcurrentHashMap<>();

    /** A fresh token for one claim. */
    public long newToken() {
        return ThreadLocalRandom.current().nextLong();
    }

    /** Remembers that this instance reserved the rows under {@code token}. */
    public void remember(List<ClaimedRow> rows, long token) {
        for (ClaimedRow row : rows) {
            tokens.put(row.id(), token);
        }
    }

    /** One id under its token, or under {@code null} (any holder) when this instance never reserved it. */
    public Map<Long, List<Long>> target(long id) {
        return Collections.singletonMap(tokens.get(id), List.of(id));
    }

    /** Many ids grouped by token, in statement-sized chunks. */
    public List<Map<Long, List<Long>>> targets(List<Long> ids) {
        return Targets.group(ids, tokens);
    }

    /** Forgets the token of a reservation that {@code target} ended, if it did. */
    public void ended(Map<Long, List<Long>> target, boolean succeeded) {
        if (succeeded) {
            target.forEach((token, ids) -> ids.forEach(id -> {
                if (token != null) {
                    tokens.remove(id, token);
                }
            }));
        }
    }

    /** Forgets the tokens of ids that were all finished; a partial result keeps them all. */
    public void endedAll(List<Long> ids, int count) {
        if (count == ids.size()) {
            ids.forEach(tokens::remove);
        }
    }

    /** Forgets everything (the table was flushed or the queue closed). */
    public void clear() {
        tokens.clear();
    }

    /** The row id of a message id, or null when it cannot be one (such an id is never reserved). */
    public static Long parse(String id) {
        try {
            return id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The row ids of the message ids that can be row ids. */
    public static List<Long> parseAll(Collection<String> ids) {
        List<Long> rowIds = new ArrayList<>(ids.size());
        for (String id : ids) {
            Long rowId = parse(id);
            if (rowId != null) {
                rowIds.add(rowId);
            }
        }
        return rowIds;
    }
}
