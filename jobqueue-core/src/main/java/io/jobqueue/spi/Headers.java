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
    /** The header of a message's unique key (see {@link io.jobqueue.SubmitOptions#withUniqueKey}). */
    public static final String UNIQUE_KEY = "jobqueue.unique-key";
    /** The header of the scope of a message's unique key, in {@link io.jobqueue.UniqueScope}'s text form. */
    public static final String UNIQUE_SCOPE = "jobqueue.unique-scope";
    /** The header of a message's concurrency key (see {@link io.jobqueue.SubmitOptions#withConcurrencyKey}). */
    public static final String CONCURRENCY_KEY = "jobqueue.concurrency-key";
    /** Longest unique or concurrency key, in characters: every backend can index this much. */
    public static final int MAX_KEY_LENGTH = 200;

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
        checkKey(queueName, "unique key", headers.get(UNIQUE_KEY));
        checkKey(queueName, "concurrency key", headers.get(CONCURRENCY_KEY));
        String scope = headers.get(UNIQUE_SCOPE);
        if (scope != null) {
            if (headers.get(UNIQUE_KEY) == null) {
                throw new IllegalArgumentException("a message of queue '" + queueName + "' has a unique scope (" + scope
                        + ") but no unique key");
            }
            try {
                io.jobqueue.UniqueScope.parse(scope);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header '" + UNIQUE_SCOPE + "' of a message of queue '" + queueName + "': "
                        + e.getMessage());
            }
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

    private static void checkKey(String queueName, String what, String key) {
        if (key == null) {
            return;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("the " + what + " of a message of queue '" + queueName + "' is " + key.length()
                    + " characters; it must be 1 to " + MAX_KEY_LENGTH);
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
