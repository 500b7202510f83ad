package io.jobqueue.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules for message headers, checked by the core before a backend sees them, and one text form
 * for backends that store headers as a string. A header name is 1 to 128 characters of
 * {@code A-Z a-z 0-9 . _ - :}; a value is a string of well-formed UTF-16 without NUL; a message has
 * at most {@value #MAX_COUNT} headers and {@value #MAX_BYTES} bytes of them (names and values in
 * UTF-8).
 */
public final class Headers {

    /** Most headers on one message. */
    public static final int MAX_COUNT = 64;
    /** Most bytes of names and values on one message. */
    public static final int MAX_BYTES = 16 * 1024;
    /** Longest header name. */
    public static final int MAX_NAME_LENGTH = 128;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() { };

    private Headers() {
    }

    /**
     * Checks headers against the rules.
     *
     * @throws IllegalArgumentException naming the queue, the header and what is wrong
     */
    public static void check(String queueName, Map<String, String> headers) {
        if (headers.size() > MAX_COUNT) {
            throw new IllegalArgumentException("a message of queue '" + queueName + "' has " + headers.size()
                    + " headers, more than the " + MAX_COUNT + " allowed");
        }
        long bytes = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH || !name.matches("[A-Za-z0-9._:-]+")) {
                throw new IllegalArgumentException("header name '" + name + "' of a message of queue '" + queueName
                        + "' is not 1 to " + MAX_NAME_LENGTH + " characters of A-Z a-z 0-9 . _ - :");
            }
            if (value == null) {
                throw new IllegalArgumentException("header '" + name + "' of a message of queue '" + queueName + "' has no value (null)");
            }
            if (value.indexOf('\0') >= 0 || !wellFormed(value)) {
                throw new IllegalArgumentException("header '" + name + "' of a message of queue '" + queueName
                        + "' holds a NUL character or a lone surrogate, which no backend can keep");
            }
            bytes += name.length() + value.getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("the headers of a message of queue '" + queueName + "' take " + bytes
                    + " bytes, more than the " + MAX_BYTES + " allowed");
        }
    }

    /** The headers as one line of JSON, or null when there are none (so a backend stores nothing). */
    public static String encode(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers could not be written as JSON", e);
        }
    }

    /**
     * Headers from {@link #encode}'s text; null or empty text gives no headers.
     *
     * @throws IllegalArgumentException when the text is not a JSON object of strings
     */
    public static Map<String, String> decode(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored headers are not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean wellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
