package io.jobqueue.spi;

import io.jobqueue.ConfigurationException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a queue's {@code options} map into typed values and, on {@link #done()}, refuses every key
 * that was not read, suggesting the nearest known one. Errors name the queue, the key and the value.
 *
 * <pre>{@code
 * OptionReader r = context.options();
 * Duration timeout = r.seconds("defaultTimeout", Duration.ofSeconds(60));
 * String url = r.requiredString("url");
 * r.done();
 * }</pre>
 */
public final class OptionReader {

    private final String where;
    private final Map<String, Object> options;
    private final Set<String> known = new LinkedHashSet<>();

    public OptionReader(String queueName, Map<String, Object> options) {
        this(options, "queue '" + queueName + "'");
    }

    private OptionReader(Map<String, Object> options, String where) {
        this.where = where;
        this.options = options == null ? Map.of() : options;
    }

    /** A reader of a settings section that is not a queue's, e.g. {@code "the worker section of app.yaml"}. */
    public static OptionReader forSection(String where, Map<String, Object> options) {
        return new OptionReader(options, where);
    }

    public Duration seconds(String key, Duration defaultValue) {
        return read(key, defaultValue, v -> OptionValues.seconds(key, v));
    }

    public int integer(String key, int defaultValue) {
        return read(key, defaultValue, v -> OptionValues.integer(key, v));
    }

    public long longValue(String key, long defaultValue) {
        return read(key, defaultValue, v -> OptionValues.longValue(key, v));
    }

    public boolean bool(String key, boolean defaultValue) {
        return read(key, defaultValue, v -> OptionValues.bool(key, v));
    }

    public String string(String key, String defaultValue) {
        return read(key, defaultValue, v -> OptionValues.string(key, v));
    }

    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("option '" + key + "' is required for " + where);
        }
        return value;
    }

    /** A nested map option (e.g. a client section), unchecked inside. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        return read(key, Map.of(), v -> {
            if (v instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException("option '" + key + "' must be a map, was '" + v + "'");
        });
    }

    /** Reads a value with a custom converter; the converter's IllegalArgumentException becomes a configuration error. */
    public <T> T read(String key, T defaultValue, Function<Object, T> converter) {
        known.add(key);
        Object raw = options.get(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return converter.apply(raw);
        } catch (IllegalArgumentException e) {
            // a password of the wrong type must not be quoted back
            String text = Secrets.isSecretKey(key) ? Secrets.mask(e.getMessage(), java.util.List.of(String.valueOf(raw)))
                    : Secrets.mask(e.getMessage());
            throw new ConfigurationException(text + " (" + where + ")");
        }
    }

    /** Marks keys as known without reading them (options handled elsewhere). */
    public OptionReader allow(String... keys) {
        known.addAll(Set.of(keys));
        return this;
    }

    /**
     * Refuses every key that was not read.
     *
     * @throws ConfigurationException "unknown option 'pollIntervall' for queue 'email', did you mean 'pollInterval'?"
     */
    public void done() {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new ConfigurationException("unknown option '" + key + "' for " + where
                        + OptionValues.suggestion(key, known));
            }
        }
    }
}
