package io.jobqueue.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an isolated child says about its job, written as a small JSON file at the path the parent
 * gave in the request — not on stdout, which belongs to the job and may be forwarded. The child
 * writes it beside the path and moves it into place, so the parent reads a whole answer or none.
 *
 * @param outcome        what the job did
 * @param throwableClass the full class name of what the job threw, or null
 * @param text           its message, or the reason the payload could not be read, or null
 */
record ChildAnswer(Outcome outcome, String throwableClass, String text) {

    /** What the job did. */
    enum Outcome {
        /** It returned true. */
        SUCCEEDED,
        /** It returned false. */
        RETURNED_FALSE,
        /** It threw {@code throwableClass}. */
        THREW,
        /** Its payload is not a job; {@code text} says why. */
        UNREADABLE
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 2000;

    static ChildAnswer threw(Throwable e) {
        return new ChildAnswer(Outcome.THREW, e.getClass().getName(), e.getMessage());
    }

    /** Writes the answer to {@code file}, whole or not at all. */
    void writeTo(Path file) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("outcome", outcome.name());
        map.put("throwable", throwableClass);
        map.put("message", text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…");
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        JSON.writeValue(partial.toFile(), map);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The answer in {@code file}, or empty when the child wrote none (or something unreadable). */
    static Optional<ChildAnswer> readFrom(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            Outcome outcome = Outcome.valueOf(node.path("outcome").asText());
            return Optional.of(new ChildAnswer(outcome, textOrNull(node.get("throwable")), textOrNull(node.get("message"))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // cannot happen for a file moved into place whole; judged as no answer
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
