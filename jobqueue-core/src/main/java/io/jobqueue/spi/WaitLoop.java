package io.jobqueue.spi;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The wait of a reserve: poll, and while nothing came and time is left, sleep on a
 * {@link WakeSignal} for at most a poll interval (a submit in this JVM or a push from the server
 * wakes it earlier), then poll again. {@link Duration#ZERO} polls exactly once.
 */
public final class WaitLoop {

    /** Waits longer than this are cut to it, so the arithmetic never overflows. */
    private static final long MAX_WAIT_NANOS = Duration.ofDays(365).toNanos();

    private WaitLoop() {
    }

    /**
     * Polls until {@code poll} returns a non-empty list or {@code timeout} passed.
     *
     * @param pollInterval the longest sleep between two polls, or a negative duration for no cap
     *                     (when every arrival signals, as in a single JVM)
     * @param maxSleepNanos a further cap computed before each sleep (for example until the next
     *                      delayed message is due), or null
     * @return what the last poll returned; empty on timeout or interrupt (the flag is set again)
     */
    public static <T> List<T> poll(Duration timeout, WakeSignal signal, Duration pollInterval,
            java.util.function.LongSupplier maxSleepNanos, Supplier<List<T>> poll) {
        long start = System.nanoTime();
        long waitNanos = timeout.compareTo(Duration.ofNanos(MAX_WAIT_NANOS)) > 0 ? MAX_WAIT_NANOS : timeout.toNanos();
        long intervalNanos = pollInterval.isNegative() ? MAX_WAIT_NANOS : pollInterval.toNanos();
        while (true) {
            long seen = signal.generation();
            List<T> found = poll.get();
            long remaining = waitNanos - (System.nanoTime() - start);
            if (!found.isEmpty() || remaining <= 0) {
                return found;
            }
            long sleep = Math.min(remaining, intervalNanos);
            if (maxSleepNanos != null) {
                sleep = Math.min(sleep, Math.max(1_000_000, maxSleepNanos.getAsLong()));
            }
            try {
                signal.await(seen, sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }
}
