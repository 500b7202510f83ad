package io.jobqueue.jdbc.internal;

import io.jobqueue.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Message ids are row ids and tokens are row epochs, both printed as decimal numbers; a message
 * keeps its id for its whole life. Text that is not a number names no message or reservation, so
 * operations on it change nothing.
 */
public final class MessageIds {

    /** The most reservations one statement carries (well below every driver's parameter limit). */
    static final int CHUNK = 500;

    private MessageIds() {
    }

    /** The number, or null when the text is not one. */
    public static Long parse(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The number an id names exactly as this backend prints ids (decimal digits, no sign, no leading
     * zero, no blanks), or null for any other text: a lookup by id checks it here, so text that is not
     * an id never reaches the database.
     */
    public static Long parseExact(String text) {
        if (text == null || text.isEmpty() || text.length() > 19 || (text.length() > 1 && text.charAt(0) == '0')) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return parse(text); // null past Long.MAX_VALUE
    }

    /**
     * The items whose message names a reservation of this backend, the first item of each
     * reservation kept, in chunks of at most {@link #CHUNK}.
     */
    public static <T> List<List<T>> chunks(List<T> items, Function<T, Message> message) {
        Map<Reservation, T> unique = new LinkedHashMap<>();
        for (T item : items) {
            Reservation reservation = Reservation.of(message.apply(item));
            if (reservation != null) {
                unique.putIfAbsent(reservation, item);
            }
        }
        List<T> all = new ArrayList<>(unique.values());
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
