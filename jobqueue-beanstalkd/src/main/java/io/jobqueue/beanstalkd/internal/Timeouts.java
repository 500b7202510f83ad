package io.jobqueue.beanstalkd.internal;

import java.time.Duration;

/**
 * Beanstalkd counts delays, times to run and reserve timeouts in whole seconds; these round a
 * {@link Duration} up, so a wait, delay or lease is never shorter than asked.
 */
public final class Timeouts {

    private static final long MAX_SECONDS = 4_294_967_295L;

    private Timeouts() {
    }

    /** Whole seconds, rounded up; zero or negative is 0; capped at beanstalkd's 2^32 − 1. */
    public static long wholeSecondsUp(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return 0;
        }
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.min(MAX_SECONDS, seconds);
    }
}
