package io.jobqueue.beanstalkd.internal;

import java.nio.charset.StandardCharsets;

/**
 * What {@code stats-job} says about a job, the parts this backend uses.
 *
 * @param id       the job id
 * @param tube     the tube it lives in
 * @param state    {@code ready}, {@code delayed}, {@code reserved} or {@code buried}
 * @param priority its priority (0 is most urgent)
 * @param ttr      its time to run in seconds
 * @param reserves how often it was reserved (not kept across a server restart)
 * @param buries   how often it was buried
 */
public record JobStats(long id, String tube, String state, long priority, long ttr, long reserves, long buries) {

    /** Reads the YAML of a {@code stats-job} reply straight from its bytes (this runs once per reserved job). */
    static JobStats parse(byte[] yaml) {
        long id = 0;
        long priority = 0;
        long ttr = 0;
        long reserves = 0;
        long buries = 0;
        String tube = "";
        String state = "";
        int lineStart = 0;
        for (int i = 0; i <= yaml.length; i++) {
            if (i < yaml.length && yaml[i] != '\n') {
                continue;
            }
            int colon = indexOf(yaml, lineStart, i, (byte) ':');
            if (colon > lineStart && colon + 2 <= i) {
                int valueStart = colon + 2;
                switch (key(yaml, lineStart, colon)) {
                    case "id" -> id = number(yaml, valueStart, i);
                    case "tube" -> tube = new String(yaml, valueStart, i - valueStart, StandardCharsets.US_ASCII).trim();
                    case "state" -> state = new String(yaml, valueStart, i - valueStart, StandardCharsets.US_ASCII).trim();
                    case "pri" -> priority = number(yaml, valueStart, i);
                    case "ttr" -> ttr = number(yaml, valueStart, i);
                    case "reserves" -> reserves = number(yaml, valueStart, i);
                    case "buries" -> buries = number(yaml, valueStart, i);
                    default -> {
                        // a counter this backend does not use
                    }
                }
            }
            lineStart = i + 1;
        }
        return new JobStats(id, tube, state, priority, ttr, reserves, buries);
    }

    private static String key(byte[] yaml, int from, int to) {
        int length = to - from;
        // only the keys we read are turned into strings; the others are skipped by length
        if (length != 2 && length != 3 && length != 4 && length != 5 && length != 6 && length != 8) {
            return "";
        }
        return new String(yaml, from, length, StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static long number(byte[] bytes, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
            } else if (b != ' ' && b != '\r') {
                return 0;
            }
        }
        return value;
    }

    /**
     * How often the job went back to ready after a reservation: every reservation but a current
     * one ended in a release, a time-out or a closed connection (a bury ends the last one of a
     * buried job, and a kick starts nothing that counts).
     */
    public int releases() {
        long ended = "reserved".equals(state) || "buried".equals(state) ? reserves - 1 : reserves;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ended));
    }

    public boolean isBuried() {
        return "buried".equals(state);
    }

}
