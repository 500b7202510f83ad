package io.jobqueue.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timeouts of one job manager's executions. Each execution is an {@link Attempt} on the thread
 * that runs the job: when it runs past its timeout, that thread is interrupted (an isolated job's
 * parent then kills the child); when the job has not ended {@link #INTERRUPT_GRACE} later, it
 * ignores the interrupt, and its {@code ignored} callback runs on a thread of its own, so the
 * message can be released or aborted while the job's thread runs on. One timer thread serves every
 * attempt and only interrupts; nothing that may block runs on it. Both threads are daemons, made on
 * the first timeout. Thread-safe.
 */
public final class JobTimeouts {

    /** How long a job that was interrupted at its timeout may take to end before it counts as ignoring the interrupt. */
    public static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);

    /** How an attempt ended, as its job's thread sees it at the end. */
    public enum Ending {
        /** Before its timeout, or it has none: its result stands. */
        IN_TIME,
        /** It was interrupted at its timeout and ended within the grace: the attempt failed by the timeout. */
        TIMED_OUT,
        /** It ended after the grace: its timed-out failure was handed to the {@code ignored} callback; its result is discarded. */
        IGNORED
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobTimeouts.class);
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private ScheduledThreadPoolExecutor timer; // guarded by this
    private ExecutorService settler; // guarded by this

    /**
     * Starts the attempt of a job on the current thread.
     *
     * @param timeout the queue's timeout, or null for none (the job may still set one: {@link Attempt#jobTimeout})
     * @param ignored told the timeout the job ran past, when it ignored the interrupt; on a thread of its own
     */
    public Attempt start(Duration timeout, Consumer<Duration> ignored) {
        Attempt attempt = new Attempt(Thread.currentThread(), System.nanoTime(), ignored);
        attempt.arm(timeout);
        return attempt;
    }

    private synchronized ScheduledThreadPoolExecutor timer() {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, daemon("jobqueue-timeout-timer"));
            timer.setRemoveOnCancelPolicy(true); // a job that ends in time leaves nothing queued behind
        }
        return timer;
    }

    private synchronized ExecutorService settler() {
        if (settler == null) {
            settler = Executors.newCachedThreadPool(daemon("jobqueue-timeout-settle"));
        }
        return settler;
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The timeout of one execution. Its job's thread calls {@link #jobTimeout} and {@link #end}; the timer the rest. */
    public final class Attempt {

        private final Thread thread;
        private final long startedAt;
        private final Consumer<Duration> ignored;
        private State state = State.RUNNING; // guarded by this
        private Duration timeout; // guarded by this
        private ScheduledFuture<?> pending; // guarded by this

        private Attempt(Thread thread, long startedAt, Consumer<Duration> ignored) {
            this.thread = thread;
            this.startedAt = startedAt;
            this.ignored = ignored;
        }

        /**
         * The job's own timeout ({@code Job.timeout()}), once the job is read: replaces the queue's,
         * measured from the start of the attempt; null keeps the queue's. Too late once the queue's ran out.
         */
        public void jobTimeout(Duration jobTimeout) {
            arm(jobTimeout);
        }

        /** The timeout in force: the job's, else the queue's; null for none. */
        public synchronized Duration timeout() {
            return timeout;
        }

        /**
         * The job's thread is done with it: stops the timer, and clears the interrupt this timeout
         * caused, so the thread's next job does not get it. Call once, on the job's thread.
         */
        public Ending end() {
            State was;
            synchronized (this) {
                if (pending != null) {
                    pending.cancel(false);
                }
                was = state;
                state = State.ENDED;
            }
            if (was != State.RUNNING) {
                Thread.interrupted(); // no later interrupt can come: it is sent under this lock, in state RUNNING only
            }
            return switch (was) {
                case RUNNING, ENDED -> Ending.IN_TIME;
                case INTERRUPTED -> Ending.TIMED_OUT;
                case IGNORING -> Ending.IGNORED;
            };
        }

        private synchronized void arm(Duration value) {
            if (value == null || state != State.RUNNING) {
                return;
            }
            if (pending != null) {
                pending.cancel(false);
            }
            timeout = value;
            long nanos = value.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : value.toNanos(); // a job's timeout of centuries: never
            long left = nanos - (System.nanoTime() - startedAt);
            pending = timer().schedule(this::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
        }

        /** On the timer: the timeout ran out. */
        private synchronized void expire() {
            if (state != State.RUNNING) {
                return;
            }
            state = State.INTERRUPTED;
            thread.interrupt();
            pending = timer().schedule(this::graceOver, INTERRUPT_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** On the timer: the interrupted job did not end within the grace. */
        private void graceOver() {
            Duration ranPast;
            synchronized (this) {
                if (state != State.INTERRUPTED) {
                    return;
                }
                state = State.IGNORING;
                pending = null;
                ranPast = timeout;
            }
            settler().execute(() -> {
                try {
                    ignored.accept(ranPast);
                } catch (Throwable e) {
                    LOG.error("Handling a job that ignored the interrupt of its timeout failed; its message comes back when its lease runs out", e);
                }
            });
        }
    }

    private enum State { RUNNING, INTERRUPTED, IGNORING, ENDED }
}
