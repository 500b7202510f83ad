package io.jobqueue.jdbc.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups message ids by the lease token this queue instance holds for them, in chunks small enough
 * for one statement. Ids the instance never reserved go under the {@code null} token, which matches
 * whoever holds the row.
 */
public final class Targets {

    /** The most ids one statement carries (well below every driver's parameter limit). */
    static final int CHUNK = 500;

    private Targets() {
    }

    /** The ids grouped by token, split into chunks of at most {@link #CHUNK} ids. */
    public static List<Map<Long, List<Long>>> group(Collection<Long> ids, Map<Long, Long> tokens) {
        List<Map<Long, List<Long>>> chunks = new ArrayList<>();
        Map<Long, List<Long>> chunk = new LinkedHashMap<>();
        int size = 0;
        for (Long id : ids) {
            if (size == CHUNK) {
                chunks.add(chunk);
                chunk = new LinkedHashMap<>();
                size = 0;
            }
            chunk.computeIfAbsent(tokens.get(id), token -> new ArrayList<>()).add(id);
            size++;
        }
        if (size > 0) {
            chunks.add(chunk);
        }
        return chunks;
    }
}
