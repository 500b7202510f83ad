package io.jobqueue.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML document into maps, lists and scalars as {@code readValue(yaml, Object.class)}
 * would, but with anchors, aliases and YAML 1.1 merge keys resolved — Jackson's YAML parser gives
 * an alias as the text of its anchor's name, which is how {@code queues: {email: *base}} used to
 * end up as the string {@code "base"}.
 *
 * <p>Merge keys follow YAML 1.1: {@code <<: *base} or {@code <<: [*a, *b]} copies the keys of the
 * named maps that the map does not give itself; of several merged maps, the first that has a key
 * wins. An alias to an anchor not defined before it, and a merge of something that is not a map,
 * are parse errors at the alias. The maps of an alias are shared, not copied: callers only read.
 * Only anchors on maps and lists are seen: Jackson's parser does not report one on a single value
 * ({@code &pw secret}), so an alias of it is an error that says so rather than a wrong value.
 *
 * <p>Not thread-safe; one instance reads one document.
 */
final class YamlTree {

    private static final String MERGE_KEY = "<<";

    private final JsonParser parser;
    private final Map<String, Object> anchors = new HashMap<>();

    private YamlTree(JsonParser parser) {
        this.parser = parser;
    }

    /**
     * The document's root, or null for an empty document.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException for malformed YAML, an unknown alias or a bad merge
     */
    static Object read(ObjectMapper yaml, String text) throws IOException {
        try (JsonParser parser = yaml.getFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            return new YamlTree(parser).value(first);
        }
    }

    private Object value(JsonToken token) throws IOException {
        String anchor = anchorOf();
        if (isAlias()) {
            return alias();
        }
        Object value = switch (token) {
            case START_OBJECT -> object();
            case START_ARRAY -> array();
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject();
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
        if (anchor != null) {
            anchors.put(anchor, value);
        }
        return value;
    }

    private Object alias() throws IOException {
        String name = parser.getText();
        if (!anchors.containsKey(name)) {
            throw new JsonParseException(parser, "alias '*" + name + "' refers to no anchor '&" + name
                    + "' of a map or list defined before it (an anchor on a single value is not supported)");
        }
        return anchors.get(name);
    }

    private Map<String, Object> object() throws IOException {
        Map<String, Object> own = new LinkedHashMap<>();
        List<Map<?, ?>> merged = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken valueToken = parser.nextToken();
            boolean plainMergeKey = MERGE_KEY.equals(key);
            Object value = value(valueToken);
            if (plainMergeKey) {
                merged.addAll(mergeSources(value));
            } else {
                own.put(key, value);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected " + token + " in a map");
        }
        if (merged.isEmpty()) {
            return own;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map<?, ?> source : merged) {
            source.forEach((k, v) -> result.putIfAbsent(String.valueOf(k), v));
        }
        result.putAll(own);
        return result;
    }

    private List<Map<?, ?>> mergeSources(Object value) throws IOException {
        List<Map<?, ?>> sources = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            sources.add(map);
        } else if (value instanceof List<?> list && list.stream().allMatch(item -> item instanceof Map<?, ?>)) {
            list.forEach(item -> sources.add((Map<?, ?>) item));
        } else {
            throw new JsonParseException(parser, "merge key '<<' must name a map (<<: *base) or a list of maps"
                    + " (<<: [*a, *b]), was " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return sources;
    }

    private List<Object> array() throws IOException {
        List<Object> list = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new JsonParseException(parser, "unexpected end of a list");
            }
            list.add(value(token));
        }
        return list;
    }

    private String anchorOf() throws IOException {
        if (parser instanceof YAMLParser yaml && !yaml.isCurrentAlias()) {
            return yaml.getObjectId();
        }
        return null;
    }

    private boolean isAlias() {
        return parser instanceof YAMLParser yaml && yaml.isCurrentAlias();
    }
}
