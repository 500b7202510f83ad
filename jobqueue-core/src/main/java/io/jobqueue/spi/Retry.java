package io.jobqueue.spi;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Retries an action that fails with a runtime exception, with {@link Backoff}, until a deadline:
 * for work that stays worth doing until then, such as finishing a message while its lease holds.
 */
public final class Retry {

    private Retry() {
    }

    /** What to do after each failed attempt, for example log it. */
    public interface Failure {
        void failed(int attempt, RuntimeException error);
    }

    /**
     * Runs {@code action} until it returns, retrying failures while {@code nanoTime} is before
     * {@code deadlineNanos}; the last failure is thrown when the deadline has passed (or the thread
     * was interrupted).
     */
    public static <T> T untilDeadline(long deadlineNanos, LongSupplier nanoTime, Backoff backoff, Failure onFailure,
            Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = action.get();
                backoff.reset();
                return result;
            } catch (RuntimeException e) {
                long left = deadlineNanos - nanoTime.getAsLong();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                backoff.failed();
                onFailure.failed(attempt, e);
                backoff.pause(left / 1_000_000);
            }
        }
    }
}
