package io.jobqueue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of one queue or preset, with the original's keys. Fields are null when not set, so
 * a queue's settings can be merged over its preset's: {@link #mergedOver(QueueSettings)}.
 *
 * @param className               backend alias ({@code memory}, {@code jdbc}, …) or a Queue class name
 * @param maximumNumberOfReleases how often a failed job is released before it is aborted (default 3)
 * @param maximumNumberOfDeliveries how often a message may be reserved without an outcome (its worker
 *                                died or lost the lease each time) before it is aborted unrun (default 10)
 * @param executeIsolated         run each job in a child JVM (default false)
 * @param outputResults           forward the child's stdout and stderr (default false)
 * @param queueNamePrefix         prepended to the queue name in the backend
 * @param options                 backend options, validated by the backend
 * @param releaseOptions          options for releasing a failed job ({@code delay}, {@code priority})
 * @param preset                  the preset these settings are merged over
 * @param timeout                 how long a job may run before it is interrupted and counts as a failed attempt
 *                                (positive; null for no timeout); a job class may set its own ({@link Job#timeout()})
 */
public record QueueSettings(
        String className,
        Integer maximumNumberOfReleases,
        Integer maximumNumberOfDeliveries,
        Boolean executeIsolated,
        Boolean outputResults,
        String queueNamePrefix,
        Map<String, Object> options,
        Map<String, Object> releaseOptions,
        String preset,
        Duration timeout) {

    /** How often a failing job is released before it is aborted, when not configured. */
    public static final int DEFAULT_MAXIMUM_NUMBER_OF_RELEASES = 3;
    /** How often a message may be delivered without an outcome before it is aborted, when not configured. */
    public static final int DEFAULT_MAXIMUM_NUMBER_OF_DELIVERIES = 10;
    /** The longest {@code timeout}: what a count of nanoseconds holds, about 292 years. */
    private static final Duration MAXIMUM_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE);

    /** The keys a queue or preset may have, in the original's spelling. */
    public static final List<String> KEYS = List.of("className", "maximumNumberOfReleases", "maximumNumberOfDeliveries", "executeIsolated",
            "outputResults", "queueNamePrefix", "options", "releaseOptions", "preset", "timeout");

    /** Nothing set. */
    public static final QueueSettings EMPTY = new QueueSettings(null, null, null, null, null, null, null, null, null, null);

    public QueueSettings {
        options = options == null ? Map.of() : unmodifiableCopy(options);
        releaseOptions = releaseOptions == null ? Map.of() : unmodifiableCopy(releaseOptions);
        if (timeout != null) {
            requirePositive(timeout);
        }
    }

    /** Settings without a {@code timeout} (the components before it was added). */
    public QueueSettings(String className, Integer maximumNumberOfReleases, Integer maximumNumberOfDeliveries, Boolean executeIsolated,
            Boolean outputResults, String queueNamePrefix, Map<String, Object> options, Map<String, Object> releaseOptions, String preset) {
        this(className, maximumNumberOfReleases, maximumNumberOfDeliveries, executeIsolated, outputResults, queueNamePrefix, options,
                releaseOptions, preset, null);
    }

    /** A builder, for settings made in code. */
    public static Builder builder() {
        return new Builder(EMPTY);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** These settings over {@code base}: set fields win, {@code options} and {@code releaseOptions} merge key by key. */
    public QueueSettings mergedOver(QueueSettings base) {
        return new QueueSettings(
                className != null ? className : base.className,
                maximumNumberOfReleases != null ? maximumNumberOfReleases : base.maximumNumberOfReleases,
                maximumNumberOfDeliveries != null ? maximumNumberOfDeliveries : base.maximumNumberOfDeliveries,
                executeIsolated != null ? executeIsolated : base.executeIsolated,
                outputResults != null ? outputResults : base.outputResults,
                queueNamePrefix != null ? queueNamePrefix : base.queueNamePrefix,
                deepMerge(base.options, options),
                deepMerge(base.releaseOptions, releaseOptions),
                preset != null ? preset : base.preset,
                timeout != null ? timeout : base.timeout);
    }

    /** {@code maximumNumberOfReleases}, or its default. */
    public int maximumNumberOfReleasesOrDefault() {
        return maximumNumberOfReleases == null ? DEFAULT_MAXIMUM_NUMBER_OF_RELEASES : maximumNumberOfReleases;
    }

    /** {@code maximumNumberOfDeliveries}, or its default. */
    public int maximumNumberOfDeliveriesOrDefault() {
        return maximumNumberOfDeliveries == null ? DEFAULT_MAXIMUM_NUMBER_OF_DELIVERIES : maximumNumberOfDeliveries;
    }

    /** {@code executeIsolated}, or false. */
    public boolean isolated() {
        return Boolean.TRUE.equals(executeIsolated);
    }

    /** {@code outputResults}, or false. */
    public boolean forwardOutput() {
        return Boolean.TRUE.equals(outputResults);
    }

    /** {@code queueNamePrefix}, or "". */
    public String prefix() {
        return queueNamePrefix == null ? "" : queueNamePrefix;
    }

    /** The settings as the map a YAML file would hold (unset keys left out). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        putIfSet(map, "className", className);
        putIfSet(map, "maximumNumberOfReleases", maximumNumberOfReleases);
        putIfSet(map, "maximumNumberOfDeliveries", maximumNumberOfDeliveries);
        putIfSet(map, "executeIsolated", executeIsolated);
        putIfSet(map, "outputResults", outputResults);
        putIfSet(map, "queueNamePrefix", queueNamePrefix);
        if (!options.isEmpty()) {
            map.put("options", options);
        }
        if (!releaseOptions.isEmpty()) {
            map.put("releaseOptions", releaseOptions);
        }
        putIfSet(map, "preset", preset);
        if (timeout != null) {
            map.put("timeout", seconds(timeout));
        }
        return map;
    }

    /**
     * Reads a {@code timeout} as the settings give it: seconds (fractions allowed) as a number or a
     * numeric string, or a {@link Duration}.
     *
     * @throws IllegalArgumentException naming the key and the value when it is not a positive, finite number of seconds
     */
    public static Duration parseTimeout(Object value) {
        if (value instanceof Duration d) {
            return requirePositive(d);
        }
        double seconds;
        if (value instanceof Number n) {
            seconds = n.doubleValue();
        } else if (value instanceof String s && !s.isBlank()) {
            try {
                seconds = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                throw invalidTimeout(value);
            }
        } else {
            throw invalidTimeout(value);
        }
        if (!Double.isFinite(seconds) || seconds <= 0) {
            throw invalidTimeout(value);
        }
        if (seconds * 1_000_000_000d >= Long.MAX_VALUE) {
            throw tooLong(shown(value));
        }
        return requirePositive(Duration.ofNanos(Math.round(seconds * 1_000_000_000d)));
    }

    private static Duration requirePositive(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("'timeout' must be a positive number of seconds, was " + seconds(timeout));
        }
        if (timeout.compareTo(MAXIMUM_TIMEOUT) > 0) {
            throw tooLong(String.valueOf(seconds(timeout)));
        }
        return timeout;
    }

    private static IllegalArgumentException tooLong(String value) {
        return new IllegalArgumentException("'timeout' must be at most " + MAXIMUM_TIMEOUT.getSeconds() + " seconds (292 years), was " + value);
    }

    private static IllegalArgumentException invalidTimeout(Object value) {
        return new IllegalArgumentException("'timeout' must be a positive number of seconds (fractions allowed), was " + shown(value));
    }

    private static String shown(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    /** A duration as a number of seconds for the settings map: whole seconds as a long, else a decimal. */
    private static Number seconds(Duration duration) {
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9)).stripTrailingZeros();
        return seconds.scale() <= 0 ? (Number) seconds.longValueExact() : (Number) seconds.doubleValue();
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> over) {
        if (base.isEmpty()) {
            return over;
        }
        if (over.isEmpty()) {
            return base;
        }
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            Object existing = merged.get(key);
            if (existing instanceof Map<?, ?> e && value instanceof Map<?, ?> v) {
                merged.put(key, deepMerge((Map<String, Object>) e, (Map<String, Object>) v));
            } else {
                merged.put(key, value);
            }
        });
        return unmodifiableCopy(merged);
    }

    private static Map<String, Object> unmodifiableCopy(Map<String, Object> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Builds {@link QueueSettings} in code. */
    public static final class Builder {
        private String className;
        private Integer maximumNumberOfReleases;
        private Integer maximumNumberOfDeliveries;
        private Boolean executeIsolated;
        private Boolean outputResults;
        private String queueNamePrefix;
        private final Map<String, Object> options = new LinkedHashMap<>();
        private final Map<String, Object> releaseOptions = new LinkedHashMap<>();
        private String preset;
        private Duration timeout;

        private Builder(QueueSettings from) {
            className = from.className;
            maximumNumberOfReleases = from.maximumNumberOfReleases;
            maximumNumberOfDeliveries = from.maximumNumberOfDeliveries;
            executeIsolated = from.executeIsolated;
            outputResults = from.outputResults;
            queueNamePrefix = from.queueNamePrefix;
            options.putAll(from.options);
            releaseOptions.putAll(from.releaseOptions);
            preset = from.preset;
            timeout = from.timeout;
        }

        public Builder className(String value) {
            className = value;
            return this;
        }

        public Builder maximumNumberOfReleases(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maximumNumberOfReleases must be >= 0, was " + value);
            }
            maximumNumberOfReleases = value;
            return this;
        }

        public Builder maximumNumberOfDeliveries(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maximumNumberOfDeliveries must be >= 1, was " + value);
            }
            maximumNumberOfDeliveries = value;
            return this;
        }

        public Builder executeIsolated(boolean value) {
            executeIsolated = value;
            return this;
        }

        public Builder outputResults(boolean value) {
            outputResults = value;
            return this;
        }

        public Builder queueNamePrefix(String value) {
            queueNamePrefix = value;
            return this;
        }

        public Builder option(String key, Object value) {
            options.put(key, value);
            return this;
        }

        public Builder options(Map<String, ?> values) {
            options.putAll(values);
            return this;
        }

        public Builder releaseOption(String key, Object value) {
            releaseOptions.put(key, value);
            return this;
        }

        public Builder preset(String value) {
            preset = value;
            return this;
        }

        /**
         * How long a job of this queue may run: past it, its thread is interrupted and the attempt fails
         * with the reason {@code timed out after 30 s} (null: no timeout, the default).
         *
         * @throws IllegalArgumentException for zero or a negative duration, naming the value
         */
        public Builder timeout(Duration value) {
            timeout = value == null ? null : requirePositive(value);
            return this;
        }

        public QueueSettings build() {
            return new QueueSettings(className, maximumNumberOfReleases, maximumNumberOfDeliveries, executeIsolated, outputResults,
                    queueNamePrefix, options, releaseOptions, preset, timeout);
        }
    }
}
