package io.jobqueue.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jobqueue.ConfigurationException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueSettings;
import io.jobqueue.WorkerSettings;
import io.jobqueue.spi.OptionValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and validates {@code jobqueue.yaml}: every error names the source, the entry and the key. */
public final class SettingsParser {

    /** Strict about duplicate keys: the last of two {@code className:} lines must not win silently. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final List<String> ROOT_KEYS = List.of("presets", "queues", "worker", "recurring");

    private SettingsParser() {
    }

    public static JobQueueSettings parseFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("settings file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
        return parseText(text, file.toString());
    }

    /** Reads YAML text, with {@code ${NAME}} placeholders taken from the process environment. */
    public static JobQueueSettings parseText(String yaml, String source) {
        return parseText(yaml, source, System::getenv);
    }

    /**
     * Reads YAML text: anchors, aliases and merge keys ({@code <<: *base}) resolved, then
     * {@code ${NAME}} / {@code ${NAME:-default}} in string values expanded from {@code env}.
     */
    @SuppressWarnings("unchecked")
    public static JobQueueSettings parseText(String yaml, String source, java.util.function.Function<String, String> env) {
        Object root;
        try {
            root = YamlTree.read(YAML, yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigurationException("malformed YAML in " + source + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (root == null) {
            return new JobQueueSettings(Map.of(), Map.of());
        }
        if (!(root instanceof Map)) {
            throw new ConfigurationException(source + " must hold a map with 'presets' and 'queues'");
        }
        root = EnvPlaceholders.expand(root, source, env);
        return parseRoot((Map<String, ?>) root, source);
    }

    public static JobQueueSettings parseRoot(Map<String, ?> root, String source) {
        for (String key : root.keySet()) {
            if (!ROOT_KEYS.contains(key)) {
                throw new ConfigurationException("unknown key '" + key + "' in " + source
                        + OptionValues.suggestion(key, ROOT_KEYS));
            }
        }
        return new JobQueueSettings(
                entries(root.get("presets"), "preset", source),
                entries(root.get("queues"), "queue", source),
                worker(root.get("worker"), source),
                RecurringSettingsParser.parse(root.get("recurring"), source));
    }

    @SuppressWarnings("unchecked")
    private static WorkerSettings worker(Object section, String source) {
        if (section == null) {
            return WorkerSettings.EMPTY;
        }
        if (!(section instanceof Map<?, ?>)) {
            throw new ConfigurationException("'worker' in " + source + " must be a map of worker settings");
        }
        return WorkerSettings.fromMap((Map<String, Object>) section, source);
    }

    private static Map<String, QueueSettings> entries(Object section, String kind, String source) {
        Map<String, QueueSettings> result = new LinkedHashMap<>();
        if (section == null) {
            return result;
        }
        if (!(section instanceof Map<?, ?> map)) {
            throw new ConfigurationException("'" + kind + "s' in " + source + " must be a map of names to settings");
        }
        map.forEach((name, value) -> result.put(String.valueOf(name), queueSettings(kind + " '" + name + "'", value, source)));
        return result;
    }

    @SuppressWarnings("unchecked")
    static QueueSettings queueSettings(String what, Object value, String source) {
        if (value == null) {
            return QueueSettings.EMPTY;
        }
        if (!(value instanceof Map<?, ?> raw)) {
            throw new ConfigurationException(what + " in " + source + " must be a map of settings");
        }
        QueueSettings.Builder builder = QueueSettings.builder();
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object v = entry.getValue();
            if (v == null) {
                continue;
            }
            try {
                switch (key) {
                    case "className" -> builder.className(OptionValues.string(key, v));
                    case "maximumNumberOfReleases" -> builder.maximumNumberOfReleases(OptionValues.integer(key, v));
                    case "maximumNumberOfDeliveries" -> builder.maximumNumberOfDeliveries(OptionValues.integer(key, v));
                    case "executeIsolated" -> builder.executeIsolated(OptionValues.bool(key, v));
                    case "outputResults" -> builder.outputResults(OptionValues.bool(key, v));
                    case "queueNamePrefix" -> builder.queueNamePrefix(OptionValues.string(key, v));
                    case "preset" -> builder.preset(OptionValues.string(key, v));
                    case "options" -> builder.options(map(key, v));
                    case "releaseOptions" -> map(key, v).forEach(builder::releaseOption);
                    case "timeout" -> builder.timeout(QueueSettings.parseTimeout(v));
                    default -> throw new IllegalArgumentException("unknown key '" + key + "'"
                            + OptionValues.suggestion(key, QueueSettings.KEYS));
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage() + " for " + what + " in " + source, e);
            }
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String key, Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("'" + key + "' must be a map, was '" + value + "'");
    }
}
