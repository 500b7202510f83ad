package io.jobqueue.cli.chaos;

/**
 * A restart of the private server: it was killed at {@code downAt} and answered again at
 * {@code upAt} (epoch nanoseconds).
 */
public record Restart(long downAt, long upAt) {

    /** True when the interval {@code [from, to]} meets this restart's down time. */
    boolean overlaps(long from, long to) {
        return from <= upAt && to >= downAt;
    }
}
