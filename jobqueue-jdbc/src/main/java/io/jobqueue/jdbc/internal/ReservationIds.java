package io.jobqueue.jdbc.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids a reservation hands out: {@code <row id>.<reservation number>}, where the number counts the
 * claims of that row (column {@code reservations}). Finishing, releasing, aborting and extending
 * match both parts, so a holder whose lease ran out (and whose message was claimed again since)
 * is refused, in any process. Submit, peek and the failed store use the plain row id.
 */
public final class ReservationIds {

    /** The most ids one statement carries (well below every driver's parameter limit). */
    static final int CHUNK = 500;

    private ReservationIds() {
    }

    /** The id handed out for the {@code number}th reservation of row {@code rowId}. */
    public static String format(long rowId, int number) {
        return rowId + "." + number;
    }

    /** A plain row id, or null when the text is not one. */
    public static Long parseRowId(String id) {
        try {
            return id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Reservation ids grouped by reservation number ({@code number → row ids}), in chunks of at most
     * {@link #CHUNK} ids; ids that are not reservation ids are left out, since they hold nothing.
     */
    public static List<Map<Integer, List<Long>>> group(Collection<String> ids) {
        List<Map<Integer, List<Long>>> chunks = new ArrayList<>();
        Map<Integer, List<Long>> chunk = new LinkedHashMap<>();
        int size = 0;
        for (String id : ids) {
            int dot = id == null ? -1 : id.indexOf('.');
            if (dot < 0) {
                continue;
            }
            Long rowId = parseRowId(id.substring(0, dot));
            Long number = parseRowId(id.substring(dot + 1));
            if (rowId == null || number == null || number < 1 || number > Integer.MAX_VALUE) {
                continue;
            }
            if (size == CHUNK) {
                chunks.add(chunk);
                chunk = new LinkedHashMap<>();
                size = 0;
            }
            chunk.computeIfAbsent(number.intValue(), n -> new ArrayList<>()).add(rowId);
            size++;
        }
        if (size > 0) {
            chunks.add(chunk);
        }
        return chunks;
    }
}
