package io.jobqueue.spi;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for a failing server: the pause doubles from {@code first} up to
 * {@code max}, and each pause is drawn between half of it and all of it, so many clients that lost
 * the same server do not come back in step. Knows whether an outage is under way, so it is reported
 * once, not per attempt. Not thread-safe: one per loop.
 */
public final class Backoff {

    private final long firstMillis;
    private final long maxMillis;
    private long nextMillis;
    private boolean failing;

    /** 100 ms doubling to 30 s. */
    public Backoff() {
        this(Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    public Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, was first " + first + ", max " + max);
        }
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = firstMillis;
    }

    /** Records a failure; returns true when it starts a new outage (report it). */
    public boolean failed() {
        boolean first = !failing;
        failing = true;
        return first;
    }

    /** The pause before the next attempt, with jitter; each call doubles the next one. */
    public long nextDelayMillis() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }

    /** Records a success; returns true when it ends an outage (report the recovery). */
    public boolean reset() {
        boolean wasFailing = failing;
        failing = false;
        nextMillis = firstMillis;
        return wasFailing;
    }

    /** Sleeps for {@link #nextDelayMillis()}, at most {@code atMostMillis}; keeps the interrupt flag when interrupted. */
    public void pause(long atMostMillis) {
        sleepQuietly(Math.min(nextDelayMillis(), Math.max(0, atMostMillis)));
    }

    /** Sleeps, keeping the interrupt flag when interrupted. */
    public static void sleepQuietly(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
