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

    /**
     * The longest delay a queue takes (100 years, within what every backend stores: Beanstalkd's is
     * an unsigned 32-bit count of seconds); a longer one is refused by {@link Queue#submit} rather
     * than stored wrong.
     */
    public static final Duration MAX_DELAY = Duration.ofDays(36_500);

    /** The submit options every backend takes; a backend adds its own (see {@link io.jobqueue.spi.QueueBackend#submitExtras()}). */
    public static final java.util.List<String> KEYS = java.util.List.of("delay", "priority");

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
     * These options with a unique key in scope {@link UniqueScope#ACTIVE}: while a message of the
     * queue with this key is ready, delayed or reserved, a submit with it stores nothing and returns
     * that message's id ({@link Queue#offer} says it was a duplicate). Needs the capability
     * {@link Capability#UNIQUE}; carried in the header {@link io.jobqueue.spi.Headers#UNIQUE_KEY}.
     *
     * @param key 1 to {@value io.jobqueue.spi.Headers#MAX_KEY_LENGTH} characters, for example {@code "invoice-42"}
     */
    public SubmitOptions withUniqueKey(String key) {
        return withUniqueKey(key, UniqueScope.ACTIVE);
    }

    /** These options with a unique key in the given scope (see {@link #withUniqueKey(String)}). */
    public SubmitOptions withUniqueKey(String key, UniqueScope scope) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a unique key must not be " + (key == null ? "null" : "empty"));
        }
        Objects.requireNonNull(scope, "scope");
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(io.jobqueue.spi.Headers.UNIQUE_KEY, key);
        if (scope.equals(UniqueScope.ACTIVE)) {
            copy.remove(io.jobqueue.spi.Headers.UNIQUE_SCOPE);
        } else {
            copy.put(io.jobqueue.spi.Headers.UNIQUE_SCOPE, scope.toString());
        }
        return new SubmitOptions(delay, priority, extras, copy);
    }

    /**
     * These options with a concurrency key: on a queue with {@code concurrencyLimit: N}, at most N
     * messages with the same key are reserved at once, across all workers; the others wait without
     * holding up other keys. Needs {@link Capability#CONCURRENCY_LIMIT}; carried in the header
     * {@link io.jobqueue.spi.Headers#CONCURRENCY_KEY}.
     *
     * @param key 1 to {@value io.jobqueue.spi.Headers#MAX_KEY_LENGTH} characters, for example a customer id
     */
    public SubmitOptions withConcurrencyKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a concurrency key must not be " + (key == null ? "null" : "empty"));
        }
        return withHeader(io.jobqueue.spi.Headers.CONCURRENCY_KEY, key);
    }

    /** The unique key, if any. */
    public java.util.Optional<String> uniqueKey() {
        return java.util.Optional.ofNullable(headers.get(io.jobqueue.spi.Headers.UNIQUE_KEY));
    }

    /** The scope of the unique key; {@link UniqueScope#ACTIVE} when none is given. */
    public UniqueScope uniqueScope() {
        String scope = headers.get(io.jobqueue.spi.Headers.UNIQUE_SCOPE);
        return scope == null ? UniqueScope.ACTIVE : UniqueScope.parse(scope);
    }

    /** The concurrency key, if any. */
    public java.util.Optional<String> concurrencyKey() {
        return java.util.Optional.ofNullable(headers.get(io.jobqueue.spi.Headers.CONCURRENCY_KEY));
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
                case "delay" -> delay = requireAtMostMaxDelay(OptionValues.seconds("delay", e.getValue()));
                case "priority" -> priority = OptionValues.integer("priority", e.getValue());
                default -> extras.put(e.getKey(), e.getValue());
            }
        }
        return new SubmitOptions(delay, priority, extras);
    }

    /** The delay, refused when longer than {@link #MAX_DELAY}. */
    static Duration requireAtMostMaxDelay(Duration delay) {
        if (delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay of " + delay.toSeconds() + " s is longer than the longest a queue takes ("
                    + MAX_DELAY.toSeconds() + " s, 100 years)");
        }
        return delay;
    }

    /** The options as a map in the original's form ({@code delay} in seconds), for listeners and logs. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(extras);
        map.put("delay", delay.toMillis() / 1000.0);
        map.put("priority", priority);
        return map;
    }
}
