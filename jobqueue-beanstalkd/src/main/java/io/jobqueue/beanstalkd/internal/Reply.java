package io.jobqueue.beanstalkd.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One reply of the server: its first word, the first number after it (a job id, a count, or -1)
 * and the data chunk that {@code RESERVED}, {@code FOUND} and {@code OK} carry (else null).
 *
 * @param word   the reply's first word, e.g. {@code INSERTED}
 * @param line   the whole reply line without CRLF, for messages
 * @param number the id or count after the word, or -1
 * @param body   the data chunk, exactly as many bytes as the reply announced, or null
 */
public record Reply(String word, String line, long number, byte[] body) {

    /** The replies that are errors whatever the command. */
    static final Set<String> ERRORS = Set.of("OUT_OF_MEMORY", "INTERNAL_ERROR", "DRAINING", "BAD_FORMAT",
            "UNKNOWN_COMMAND", "EXPECTED_CRLF", "JOB_TOO_BIG");

    public boolean is(String expected) {
        return word.equals(expected);
    }

    /** True for the replies any command may get when the server or the request is at fault. */
    public boolean isError() {
        return ERRORS.contains(word);
    }

    /** The data chunk as UTF-8 text. */
    public String text() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** The data chunk of a stats reply: a YAML dictionary of scalars, read line by line. */
    public Map<String, String> dictionary() {
        Map<String, String> map = new HashMap<>();
        for (String entry : text().split("\n")) {
            int colon = entry.indexOf(": ");
            if (colon > 0 && !entry.startsWith("---")) {
                map.put(entry.substring(0, colon), entry.substring(colon + 2).trim());
            }
        }
        return map;
    }

    /** The data chunk of {@code list-tubes}: a YAML list of names. */
    public List<String> list() {
        List<String> items = new ArrayList<>();
        for (String entry : text().split("\n")) {
            if (entry.startsWith("- ")) {
                items.add(entry.substring(2).trim());
            }
        }
        return items;
    }

    /** Parses a reply line (without CRLF); the body is added by the reader. */
    static Reply parse(String line, byte[] body) {
        int space = line.indexOf(' ');
        String word = space < 0 ? line : line.substring(0, space);
        long number = -1;
        if (space >= 0) {
            int end = line.indexOf(' ', space + 1);
            number = parseNumber(line, space + 1, end < 0 ? line.length() : end);
        }
        return new Reply(word, line, number, body);
    }

    /** The second number of a line such as {@code RESERVED <id> <bytes>}, or -1. */
    static long secondNumber(String line) {
        int first = line.indexOf(' ');
        int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
        return second < 0 ? -1 : parseNumber(line, second + 1, line.length());
    }

    private static long parseNumber(String text, int from, int to) {
        if (from >= to || to - from > 19) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
