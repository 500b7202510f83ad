package io.jobqueue.redis.internal;

import java.time.Duration;

/** Durations in the unit of the scripts: whole milliseconds of the server clock. */
public final class Millis {

    private Millis() {
    }

    /** Whole milliseconds, rounded up so a positive duration never becomes zero. */
    public static long roundedUp(Duration duration) {
        long millis = duration.toMillis();
        return duration.isZero() || millis * 1_000_000L == duration.toNanos() ? millis : millis + 1;
    }
}
