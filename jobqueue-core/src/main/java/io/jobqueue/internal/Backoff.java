package io.jobqueue.internal;

/**
 * Exponential backoff for a failing backend: 100 ms, doubling, at most 30 s; {@link #reset()} on
 * success. Knows whether an outage is under way, so it is reported once, not per attempt.
 */
public final class Backoff {

    private static final long FIRST_MILLIS = 100;
    private static final long MAX_MILLIS = 30_000;

    private long nextMillis = FIRST_MILLIS;
    private boolean failing;

    /** Records a failure; returns true when it starts a new outage (report it). */
    public boolean failed() {
        boolean first = !failing;
        failing = true;
        return first;
    }

    /** The pause before the next attempt; each call doubles the next one. */
    public long nextDelayMillis() {
        long delay = nextMillis;
        nextMillis = Math.min(MAX_MILLIS, nextMillis * 2);
        return delay;
    }

    /** Records a success; returns true when it ends an outage (report the recovery). */
    public boolean reset() {
        boolean wasFailing = failing;
        failing = false;
        nextMillis = FIRST_MILLIS;
        return wasFailing;
    }

    /** Sleeps, keeping the interrupt flag when interrupted. */
    public static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
