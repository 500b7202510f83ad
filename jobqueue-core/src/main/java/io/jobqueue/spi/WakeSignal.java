package io.jobqueue.spi;

import java.util.concurrent.TimeUnit;

/**
 * Wakes the reservers of one queue table in this JVM: a submit here, or a NOTIFY from another
 * process, bumps a generation counter. A reserver reads the generation before it polls the table
 * and waits for it to change, so a submit that lands between its poll and its wait is never missed.
 */
public final class WakeSignal {

    private long generation;

    /** The current generation; read it before polling the table. */
    public synchronized long generation() {
        return generation;
    }

    /** Wakes every reserver waiting on this signal. */
    public synchronized void wake() {
        generation++;
        notifyAll();
    }

    /**
     * Waits until the generation differs from {@code seen} or {@code nanos} have passed.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public synchronized void await(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long remaining = nanos;
        while (generation == seen && remaining > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
            remaining = deadline - System.nanoTime();
        }
    }
}
