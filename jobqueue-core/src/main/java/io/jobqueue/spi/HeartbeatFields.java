package io.jobqueue.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * One text form of a heartbeat's queue names, for backends that keep a heartbeat's fields as strings
 * (a column, a hash field): a JSON array of strings, so names with commas, quotes or newlines survive.
 */
public final class HeartbeatFields {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };

    private HeartbeatFields() {
    }

    /** The names as one line of JSON. */
    public static String queuesToText(List<String> queues) {
        try {
            return JSON.writeValueAsString(queues);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("queue names could not be written as JSON", e);
        }
    }

    /**
     * The names from {@link #queuesToText}'s text; null or empty text gives none.
     *
     * @throws IllegalArgumentException when the text is not a JSON array of strings
     */
    public static List<String> queuesFromText(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(text, LIST));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored queue names are not a JSON array of strings: " + e.getOriginalMessage(), e);
        }
    }
}
