package io.jobqueue.jdbc.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Message ids are row ids, printed as decimal numbers; a message keeps its id for its whole life.
 * Text that is not a row id names no message, so operations on it change nothing.
 */
public final class MessageIds {

    /** The most ids one statement carries (well below every driver's parameter limit). */
    static final int CHUNK = 500;

    private MessageIds() {
    }

    /** The row id, or null when the text is not one. */
    public static Long parse(String id) {
        try {
            return id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The row ids among {@code ids}, without duplicates, in chunks of at most {@link #CHUNK}. */
    public static List<List<Long>> chunks(Collection<String> ids) {
        List<Long> rowIds = ids.stream().map(MessageIds::parse).filter(id -> id != null).distinct().toList();
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < rowIds.size(); from += CHUNK) {
            chunks.add(rowIds.subList(from, Math.min(rowIds.size(), from + CHUNK)));
        }
        return chunks;
    }
}
