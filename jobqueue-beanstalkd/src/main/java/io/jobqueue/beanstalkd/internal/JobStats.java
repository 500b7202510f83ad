package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
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
 * @param releases how often it was released with {@code release} (a lease that ran out counts in
 *                 beanstalkd's {@code timeouts} instead, a closed connection nowhere)
 * @param buries   how often it was buried
 */
public record JobStats(long id, String tube, String state, long priority, long ttr, long reserves, long releases,
        long buries) {

    private static final byte[] TUBE = ascii("tube");
    private static final byte[] STATE = ascii("state");
    /** The numeric keys read, in the order of the record's numeric components. */
    private static final byte[][] NUMBER_KEYS = {ascii("id"), ascii("pri"), ascii("ttr"), ascii("reserves"), ascii("releases"),
        ascii("buries")};

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the YAML of a {@code stats-job} reply straight from its bytes (this runs once per reserved job). */
    static JobStats parse(byte[] yaml) {
        long[] numbers = new long[NUMBER_KEYS.length];
        String tube = "";
        String state = "";
        int lineStart = 0;
        for (int i = 0; i <= yaml.length; i++) {
            if (i < yaml.length && yaml[i] != '\n') {
                continue;
            }
            int colon = indexOf(yaml, lineStart, i, (byte) ':');
            if (colon > lineStart && colon + 2 <= i) {
                if (is(yaml, lineStart, colon, TUBE)) {
                    tube = text(yaml, colon + 2, i);
                } else if (is(yaml, lineStart, colon, STATE)) {
                    state = text(yaml, colon + 2, i);
                } else {
                    for (int k = 0; k < NUMBER_KEYS.length; k++) {
                        if (is(yaml, lineStart, colon, NUMBER_KEYS[k])) {
                            numbers[k] = number(yaml, colon + 2, i);
                            break;
                        }
                    }
                }
            }
            lineStart = i + 1;
        }
        return new JobStats(numbers[0], tube, state, numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]);
    }

    private static boolean is(byte[] bytes, int from, int to, byte[] key) {
        if (to - from != key.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (bytes[from + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII).trim();
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
     * {@link Message#numberOfReleases()}: the job's {@code release} commands. Only releases that end an
     * attempt use {@code release}; a give-back buries and kicks the job, which beanstalkd does not
     * count as a release, and a lease that ran out counts as a time-out.
     */
    public int numberOfReleases() {
        return clamp(releases);
    }

    /** {@link Message#numberOfDeliveries()}: how often the job was reserved, a current reservation included. */
    public int numberOfDeliveries() {
        return clamp(reserves);
    }

    public boolean isBuried() {
        return "buried".equals(state);
    }

    private static int clamp(long count) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, count));
    }
}
