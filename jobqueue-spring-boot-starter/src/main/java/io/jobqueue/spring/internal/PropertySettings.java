package io.jobqueue.spring.internal;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueSettings;
import io.jobqueue.spi.OptionValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads the {@code jobqueue.*} properties into {@link JobQueueSettings} through the same loader as
 * {@code jobqueue.yaml}, so every key is checked the same way: the keys are brought from Spring's
 * spellings (kebab-case, or the lower case of environment variables) to the YAML's camelCase first;
 * queue and preset names stay as written. An unknown key at the top that only an environment
 * variable sets ({@code JOBQUEUE_CONFIG} of the command line, say) is left alone; everything else is
 * checked. Keys only an application has (the worker's
 * {@code queues} and {@code enabled}, {@code testing}, {@code endpoint}, {@code fail-fast}) are
 * checked here.
 */
public final class PropertySettings {

    /** Where errors say the settings came from. */
    public static final String SOURCE = "the Spring properties jobqueue.*";

    private static final List<String> ROOT_KEYS = List.of("queues", "presets", "worker", "testing", "endpoint", "failFast",
            "recurring");
    private static final List<String> WORKER_KEYS = List.of("queues", "enabled", "concurrency", "prefetch", "batchSize",
            "pollTimeout", "gracePeriod", "heartbeatInterval");
    /** The worker keys the application's worker reads from its typed properties, not the core's loader. */
    private static final List<String> APPLICATION_WORKER_KEYS = List.of("queues", "enabled", "pollTimeout", "gracePeriod",
            "heartbeatInterval");
    private static final List<String> TESTING_KEYS = List.of("inline");
    private static final List<String> ENDPOINT_KEYS = List.of("retryEnabled", "retryLimit");

    private PropertySettings() {
    }

    /**
     * The settings of the environment's {@code jobqueue.*} properties; with {@code inline}, every
     * queue is the {@code fake} backend, which runs a job when it is submitted.
     *
     * @throws ConfigurationException naming the key (and the nearest known one) for a typo anywhere
     */
    public static JobQueueSettings read(Environment environment, boolean inline) {
        Map<String, Object> raw = bind(Binder.get(environment));
        Set<String> fromFiles = environment instanceof ConfigurableEnvironment configurable
                ? bind(new Binder(ConfigurationPropertySources.from(withoutSystemEnvironment(configurable)))).keySet()
                : raw.keySet();
        Map<String, Object> checked = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            // JOBQUEUE_CONFIG, JOBQUEUE_REQUIRE_SERVICES and the like are the command line's, not typos
            if (fromFiles.contains(key) || ROOT_KEYS.contains(camel(key)) || isRootKey(key)) {
                checked.put(key, value);
            }
        });
        return fromMap(checked, inline);
    }

    private static Map<String, Object> bind(Binder binder) {
        return binder.bind("jobqueue", Bindable.mapOf(String.class, Object.class)).orElseGet(Map::of);
    }

    private static List<PropertySource<?>> withoutSystemEnvironment(ConfigurableEnvironment environment) {
        List<PropertySource<?>> sources = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
                    && !"configurationProperties".equals(source.getName())) {
                sources.add(source);
            }
        }
        return sources;
    }

    private static boolean isRootKey(String key) {
        return ROOT_KEYS.stream().anyMatch(k -> k.equalsIgnoreCase(key.replace("-", "")));
    }

    /**
     * As {@link #read}, from the bound map of the {@code jobqueue} prefix; every root key is checked
     * (environment variables of other tools are left out by {@link #read}).
     */
    public static JobQueueSettings fromMap(Map<String, Object> raw, boolean inline) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            String key = known(entry.getKey(), ROOT_KEYS, "jobqueue");
            switch (key) {
                case "queues", "presets" -> root.put(key, entries(key, entry.getValue(), inline && key.equals("queues")));
                case "worker" -> {
                    Map<String, Object> worker = coreWorkerKeys(section("jobqueue.worker", entry.getValue()));
                    if (!worker.isEmpty()) {
                        root.put("worker", worker);
                    }
                }
                case "recurring" -> root.put(key, recurringEntries(entry.getValue()));
                case "testing" -> section("jobqueue.testing", entry.getValue()).keySet()
                        .forEach(k -> known(k, TESTING_KEYS, "jobqueue.testing"));
                case "endpoint" -> section("jobqueue.endpoint", entry.getValue()).keySet()
                        .forEach(k -> known(k, ENDPOINT_KEYS, "jobqueue.endpoint"));
                default -> {
                    // failFast: read from the typed properties
                }
            }
        }
        return JobQueueSettings.fromMap(root, SOURCE);
    }

    /**
     * The recurring entries with their names as written and their keys in camelCase (checked by the
     * core's reader); values, the job's {@code data} included, as they are.
     */
    private static Map<String, Object> recurringEntries(Object value) {
        Map<String, Object> entries = new LinkedHashMap<>();
        section("jobqueue.recurring", value).forEach((name, settings) -> {
            Map<String, Object> converted = new LinkedHashMap<>();
            section("jobqueue.recurring." + name, settings).forEach((key, v) -> converted.put(camel(key), v));
            entries.put(name, converted);
        });
        return entries;
    }

    private static Map<String, Object> entries(String kind, Object value, boolean inline) {
        Map<String, Object> entries = new LinkedHashMap<>();
        section("jobqueue." + kind, value).forEach((name, settings) -> {
            Map<String, Object> converted = new LinkedHashMap<>();
            section("jobqueue." + kind + "." + name, settings).forEach((key, v) -> {
                String camel = known(key, QueueSettings.KEYS, "jobqueue." + kind + "." + name);
                converted.put(camel, camel.equals("options") || camel.equals("releaseOptions") ? camelKeys(v) : v);
            });
            entries.put(name, inline ? new LinkedHashMap<>(Map.of("className", "fake")) : converted);
        });
        return entries;
    }

    private static Map<String, Object> coreWorkerKeys(Map<String, Object> worker) {
        Map<String, Object> core = new LinkedHashMap<>();
        worker.forEach((key, value) -> {
            String camel = known(key, WORKER_KEYS, "jobqueue.worker");
            if (!APPLICATION_WORKER_KEYS.contains(camel)) {
                core.put(camel, value);
            }
        });
        return core;
    }

    /** The known key this spelling means (kebab-case, camelCase or all lower case), or a one-line error. */
    private static String known(String key, List<String> keys, String where) {
        String camel = camel(key);
        for (String candidate : keys) {
            if (candidate.equals(camel) || candidate.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT).replace("-", ""))) {
                return candidate;
            }
        }
        throw new ConfigurationException("unknown key '" + key + "' in " + where + " (" + SOURCE + ")"
                + OptionValues.suggestion(camel, keys));
    }

    /** A map's keys, and those of the maps inside it, in camelCase; lists and values as they are. */
    private static Object camelKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(camel(String.valueOf(k)), camelKeys(v)));
            return converted;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>();
            list.forEach(v -> converted.add(camelKeys(v)));
            return converted;
        }
        return value;
    }

    /** {@code table-name} as {@code tableName}; a name without dashes as it is. */
    static String camel(String key) {
        StringBuilder camel = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                upper = camel.length() > 0;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String where, Object value) {
        if (value == null || "".equals(value)) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new ConfigurationException(where + " (" + SOURCE + ") must be a group of settings, was '" + value + "'");
    }
}
