package io.jobqueue;

import io.jobqueue.spi.OptionValues;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a message is submitted: an optional delay before it becomes ready, a priority (smaller runs
 * first, as in Beanstalkd), headers that travel with the message, and backend-specific extras
 * (for example Beanstalkd's {@code ttr}).
 *
 * @param delay    how long the message stays invisible; {@link Duration#ZERO} for none
 * @param priority smaller values run first; {@link #DEFAULT_PRIORITY} when not given
 * @param extras   backend-specific options, passed through unchanged
 * @param headers  string headers every reservation of the message carries (see {@link io.jobqueue.spi.Headers}
 *                 for the rules)
 */
public record SubmitOptions(Duration delay, int priority, Map<String, Object> extras, Map<String, String> headers) {

    /** The priority of a message submitted without one (Beanstalkd's default). */
    public static final int DEFAULT_PRIORITY = 1024;

    /** No delay, default priority, no extras. */
    public static final SubmitOptions DEFAULT = new SubmitOptions(Duration.ZERO, DEFAULT_PRIORITY, Map.of(), Map.of());

    public SubmitOptions {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        extras = Map.copyOf(extras == null ? Map.of() : extras);
        headers = headers == null || headers.isEmpty() ? Map.of() : Map.copyOf(headers);
    }

    /** Options without headers. */
    public SubmitOptions(Duration delay, int priority, Map<String, Object> extras) {
        this(delay, priority, extras, Map.of());
    }

    /** Default options with the given delay. */
    public static SubmitOptions delayed(Duration delay) {
        return DEFAULT.withDelay(delay);
    }

    /** Default options with the given priority. */
    public static SubmitOptions prioritized(int priority) {
        return DEFAULT.withPriority(priority);
    }

    public SubmitOptions withDelay(Duration newDelay) {
        return new SubmitOptions(newDelay, priority, extras, headers);
    }

    public SubmitOptions withPriority(int newPriority) {
        return new SubmitOptions(delay, newPriority, extras, headers);
    }

    public SubmitOptions withExtra(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(extras);
        copy.put(key, value);
        return new SubmitOptions(delay, priority, copy, headers);
    }

    /** These options with one more header (validated when the message is submitted). */
    public SubmitOptions withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SubmitOptions(delay, priority, extras, copy);
    }

    /** These options with exactly these headers. */
    public SubmitOptions withHeaders(Map<String, String> newHeaders) {
        return new SubmitOptions(delay, priority, extras, newHeaders);
    }

    /**
     * Reads options as the original wrote them: {@code delay} in (fractional) seconds,
     * {@code priority} as an integer; every other key becomes an extra.
     *
     * @throws IllegalArgumentException naming the key when a value has the wrong type
     */
    public static SubmitOptions fromMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return DEFAULT;
        }
        Duration delay = Duration.ZERO;
        int priority = DEFAULT_PRIORITY;
        Map<String, Object> extras = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            switch (e.getKey()) {
                case "delay" -> delay = OptionValues.seconds("delay", e.getValue());
                case "priority" -> priority = OptionValues.integer("priority", e.getValue());
                default -> extras.put(e.getKey(), e.getValue());
            }
        }
        return new SubmitOptions(delay, priority, extras);
    }

    /** The options as a map in the original's form ({@code delay} in seconds), for listeners and logs. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(extras);
        map.put("delay", delay.toMillis() / 1000.0);
        map.put("priority", priority);
        return map;
    }
}
