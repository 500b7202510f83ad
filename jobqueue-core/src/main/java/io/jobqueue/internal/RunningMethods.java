package io.jobqueue.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which deferred methods the current thread is running as jobs. While a method-call job runs
 * method M, a call of M through a deferring proxy in the same thread runs synchronously instead of
 * being queued again (no endless self-deferral); a call of any other {@code @Defer} method is
 * still queued. This is the original's open PR #68; the original blocked every deferred method
 * while a job ran, and once forgot to reset its flag (#17/#18), hence the {@code finally}.
 *
 * <p>A stack, not a flag, because a job may run another inside itself (a {@code fake} queue runs
 * a job as it is submitted, in the submitter's thread). Per thread; a child JVM starts empty.
 */
public final class RunningMethods {

    private static final ThreadLocal<Deque<String>> RUNNING = ThreadLocal.withInitial(ArrayDeque::new);

    private RunningMethods() {
    }

    /** True when the current thread is inside a method-call job of the method with that key. */
    public static boolean isRunning(String methodKey) {
        return RUNNING.get().contains(methodKey);
    }

    /** Runs {@code action} marked as running the method with that key; unmarks it however it ends. */
    public static <T> T run(String methodKey, ThrowingSupplier<T> action) throws Exception {
        Deque<String> running = RUNNING.get();
        running.push(methodKey);
        try {
            return action.get();
        } finally {
            running.pop();
            if (running.isEmpty()) {
                RUNNING.remove();
            }
        }
    }

    /** A supplier that may throw. */
    @FunctionalInterface
    public interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
