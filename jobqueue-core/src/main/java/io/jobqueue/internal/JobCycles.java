package io.jobqueue.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a job whose object graph has a cycle from one that is merely deep, after Jackson failed to
 * write it: a cycle shows either as Jackson's "direct self-reference" or as a write that ran past
 * the nesting limit with the same object twice on its path. The payload is a tree, so such a job
 * can never be written; saying "it refers to itself" beats 1,000 levels of field names.
 */
public final class JobCycles {

    private static final int MAX_CYCLE_TEXT = 120;

    private JobCycles() {
    }

    /**
     * "it refers to itself (field a.b leads back to it)" when the failure is a cycle, empty otherwise.
     */
    public static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidDefinitionException direct && String.valueOf(direct.getOriginalMessage()).contains("self-reference")) {
                String field = path(direct.getPath(), 0, direct.getPath().size());
                return Optional.of(field.isEmpty() ? "it refers to itself" : "it refers to itself (field " + field + " is the object that holds it)");
            }
            if (t instanceof JsonMappingException mapping) {
                Optional<String> cycle = cycleOnPath(mapping.getPath());
                if (cycle.isPresent()) {
                    return cycle;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cycleOnPath(List<JsonMappingException.Reference> path) {
        Map<Object, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < path.size(); i++) {
            Object from = path.get(i).getFrom();
            if (from == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(from, i);
            if (first != null) {
                String through = path(path, first, i);
                if (first == 0) {
                    return Optional.of("it refers to itself: field " + through + " leads back to the job (a cycle)");
                }
                return Optional.of("it refers to itself: field " + path(path, 0, first) + " holds an object whose field "
                        + through + " leads back to it (a cycle)");
            }
        }
        return Optional.empty();
    }

    private static String path(List<JsonMappingException.Reference> path, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            JsonMappingException.Reference reference = path.get(i);
            String segment = reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]";
            if (text.length() > 0 && !segment.startsWith("[")) {
                text.append('.');
            }
            text.append(segment);
            if (text.length() > MAX_CYCLE_TEXT) {
                return text.substring(0, MAX_CYCLE_TEXT) + "…";
            }
        }
        return text.toString();
    }
}
