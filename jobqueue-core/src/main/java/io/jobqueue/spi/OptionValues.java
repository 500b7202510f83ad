package io.jobqueue.spi;

import java.time.Duration;
import java.util.Collection;

/**
 * Converts loosely typed option values (from YAML, JSON or code) into typed ones, with errors that
 * name the key and the value. Also suggests the nearest known key for a typo.
 */
public final class OptionValues {

    private OptionValues() {
    }

    /** Seconds as a number (fractions honoured), a numeric string, or a {@link Duration}. */
    public static Duration seconds(String key, Object value) {
        if (value instanceof Duration d) {
            return requireNotNegative(key, d);
        }
        if (value instanceof Number n) {
            return requireNotNegative(key, Duration.ofNanos(Math.round(finiteSeconds(key, n.doubleValue()) * 1_000_000_000d)));
        }
        if (value instanceof String s) {
            try {
                return seconds(key, Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                try {
                    return requireNotNegative(key, Duration.parse(s.trim()));
                } catch (RuntimeException ignored) {
                    // fall through to the error below
                }
            }
        }
        throw new IllegalArgumentException("option '" + key + "' must be a number of seconds, was " + describe(value));
    }

    /** A whole number (a long that fits, or a numeric string). */
    public static int integer(String key, Object value) {
        long l = longValue(key, value);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("option '" + key + "' is out of range: " + value);
        }
        return (int) l;
    }

    /** A whole number as a long. */
    public static long longValue(String key, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("option '" + key + "' must be a whole number, was " + describe(value));
    }

    /** true/false, as a boolean or the strings "true"/"false". */
    public static boolean bool(String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("option '" + key + "' must be true or false, was " + describe(value));
    }

    /** A string; numbers and booleans are turned into their text. */
    public static String string(String key, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException("option '" + key + "' must be a string, was " + describe(value));
    }

    /** ", did you mean 'x'?" for the known name nearest to {@code unknown}, or "" when none is near. */
    public static String suggestion(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(unknown.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best == null || bestDistance > Math.max(2, best.length() / 3)) {
            return known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")";
        }
        return ", did you mean '" + best + "'?";
    }

    /**
     * The most seconds {@link #seconds} takes (about 292 years: what a {@link Duration} of nanoseconds
     * holds); more, NaN and infinities are refused rather than clamped or read as 0.
     */
    public static final double MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000d;

    private static double finiteSeconds(String key, double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("option '" + key + "' must be a finite number of seconds, was " + seconds);
        }
        if (seconds >= MAX_SECONDS) {
            throw new IllegalArgumentException("option '" + key + "' is too large: " + seconds + " s (at most "
                    + (long) MAX_SECONDS + " s)");
        }
        return seconds;
    }

    private static Duration requireNotNegative(String key, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("option '" + key + "' must not be negative, was " + d.toMillis() / 1000.0 + " s");
        }
        return d;
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "' (" + value.getClass().getSimpleName() + ")";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
