package io.jobqueue;

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
        String preset) {

    /** How often a failing job is released before it is aborted, when not configured. */
    public static final int DEFAULT_MAXIMUM_NUMBER_OF_RELEASES = 3;
    /** How often a message may be delivered without an outcome before it is aborted, when not configured. */
    public static final int DEFAULT_MAXIMUM_NUMBER_OF_DELIVERIES = 10;

    /** The keys a queue or preset may have, in the original's spelling. */
    public static final List<String> KEYS = List.of("className", "maximumNumberOfReleases", "maximumNumberOfDeliveries", "executeIsolated",
            "outputResults", "queueNamePrefix", "options", "releaseOptions", "preset");

    /** Nothing set. */
    public static final QueueSettings EMPTY = new QueueSettings(null, null, null, null, null, null, null, null, null);

    public QueueSettings {
        options = options == null ? Map.of() : unmodifiableCopy(options);
        releaseOptions = releaseOptions == null ? Map.of() : unmodifiableCopy(releaseOptions);
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
                preset != null ? preset : base.preset);
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
        return map;
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

        public QueueSettings build() {
            return new QueueSettings(className, maximumNumberOfReleases, maximumNumberOfDeliveries, executeIsolated, outputResults,
                    queueNamePrefix, options, releaseOptions, preset);
        }
    }
}
