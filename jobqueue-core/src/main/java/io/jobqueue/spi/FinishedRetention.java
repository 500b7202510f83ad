package io.jobqueue.spi;

import io.jobqueue.ConfigurationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a queue keeps its finished messages (option {@code retainFinished}), so that
 * {@link io.jobqueue.Queue#find(String)} still answers "finished, at …" for them: up to an age, up to
 * a count (the most recently finished), or both (whichever removes a message first). Off by
 * default: a finished message is deleted at once. A backend that keeps them declares
 * {@link io.jobqueue.Capability#RETAIN_FINISHED} and removes what falls outside the retention by
 * itself, without a separate job.
 *
 * <pre>{@code
 * options:
 *   retainFinished: 1h                          # by age: 30s, 15m, 1h, 7d
 *   retainFinished: { age: 1d, count: 100000 }  # by age and count
 * }</pre>
 *
 * @param maxAge   how long after its finish a message is kept, or null for no age limit
 * @param maxCount how many finished messages are kept at most, or 0 for no count limit
 */
public record FinishedRetention(Duration maxAge, long maxCount) {

    /** Finished messages are deleted at once. */
    public static final FinishedRetention NONE = new FinishedRetention(null, 0);
    /** The option key. */
    public static final String KEY = "retainFinished";

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Duration LONGEST = Duration.ofDays(3650);
    private static final long MOST = 1_000_000_000L;

    public FinishedRetention {
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        if (maxCount < 0) {
            throw new IllegalArgumentException("maxCount must not be negative, was " + maxCount);
        }
    }

    /** Kept up to this age after their finish. */
    public static FinishedRetention forAge(Duration maxAge) {
        return new FinishedRetention(java.util.Objects.requireNonNull(maxAge, "maxAge"), 0);
    }

    /** The most recent {@code maxCount} kept. */
    public static FinishedRetention forCount(long maxCount) {
        if (maxCount <= 0) {
            throw new IllegalArgumentException("maxCount must be positive, was " + maxCount);
        }
        return new FinishedRetention(null, maxCount);
    }

    /** Whether finished messages are kept at all. */
    public boolean isOn() {
        return maxAge != null || maxCount > 0;
    }

    /** As the settings write it, e.g. {@code 1h}, {@code {age: 1h, count: 1000}} or {@code off}. */
    @Override
    public String toString() {
        if (!isOn()) {
            return "off";
        }
        String age = maxAge == null ? null : describe(maxAge);
        if (maxCount == 0) {
            return age;
        }
        return "{" + (age == null ? "" : "age: " + age + ", ") + "count: " + maxCount + "}";
    }

    /**
     * Reads the option's value: a duration with its unit ({@code 500ms}, {@code 30s}, {@code 15m},
     * {@code 1h}, {@code 7d}), a map with {@code age} and/or {@code count}, or {@code off}/false.
     *
     * @throws ConfigurationException naming the queue, the option and the value
     */
    public static FinishedRetention parse(String queue, Object value) {
        if (value == null || Boolean.FALSE.equals(value) || "off".equals(value) || "false".equals(value)) {
            return NONE;
        }
        if (value instanceof Map<?, ?> map) {
            Duration age = null;
            long count = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                switch (key) {
                    case "age" -> age = age(queue, KEY + ".age", entry.getValue());
                    case "count" -> count = count(queue, entry.getValue());
                    default -> throw new ConfigurationException("unknown key '" + key + "' in option '" + KEY + "' of queue '"
                            + queue + "'" + OptionValues.suggestion(key, java.util.List.of("age", "count"))
                            + "; it takes age (like 1h) and count (like 10000)");
                }
            }
            if (age == null && count == 0) {
                throw new ConfigurationException("option '" + KEY + "' of queue '" + queue
                        + "' names neither an age nor a count; write for example {age: 1h, count: 10000}, or leave it out");
            }
            return new FinishedRetention(age, count);
        }
        return forAge(age(queue, KEY, value));
    }

    static Duration age(String queue, String key, Object value) {
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(text);
        if (!(value instanceof String) || !matcher.matches()) {
            throw new ConfigurationException("option '" + key + "' of queue '" + queue + "' must be a duration with its unit"
                    + " (500ms, 30s, 15m, 1h, 7d)" + (key.equals(KEY) ? " or {age: 1h, count: 10000}" : "") + ", was '"
                    + value + "'");
        }
        double amount = Double.parseDouble(matcher.group(1));
        double millis = amount * switch (matcher.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        if (millis < 1 || millis > LONGEST.toMillis()) {
            throw new ConfigurationException("option '" + key + "' of queue '" + queue
                    + "' must be between 1ms and 3650d, was '" + value + "'");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    private static long count(String queue, Object value) {
        long count;
        if (value instanceof Integer || value instanceof Long) {
            count = ((Number) value).longValue();
        } else {
            try {
                count = Long.parseLong(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                count = -1;
            }
        }
        if (count < 1 || count > MOST) {
            throw new ConfigurationException("option '" + KEY + ".count' of queue '" + queue
                    + "' must be a whole number from 1 to " + MOST + ", was '" + value + "'");
        }
        return count;
    }

    static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
