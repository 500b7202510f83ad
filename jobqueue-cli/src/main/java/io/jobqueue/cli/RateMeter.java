package io.jobqueue.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The rate of a growing count over the last few seconds (not since the start), so a status line
 * shows what a worker does now. Thread-safe.
 */
final class RateMeter {

    private static final long WINDOW_NANOS = 5_000_000_000L;

    private final Deque<long[]> samples = new ArrayDeque<>();

    /** Records the count at this moment and returns the per-second rate over the window. */
    synchronized Number sample(long count) {
        long now = System.nanoTime();
        samples.addLast(new long[] {now, count});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        return Durations.perSecond(count - first[1], now - first[0]);
    }
}
