package io.jobqueue.internal;

import io.jobqueue.Message;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One message a worker holds (reserved, waiting for a job thread or running): until when its lease
 * is held for sure, whether it was lost, and the thread running its job. Thread-safe.
 *
 * <p>"Held until" is measured on this JVM's clock from before the request that reserved or renewed
 * the lease was sent, so it never lies in the message's favour: the backend's lease ends no earlier.
 */
public final class HeldMessage {

    private final Message message;
    private final long leaseNanos;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile long heldUntilNanos;
    private Thread jobThread; // guarded by this
    private boolean ended; // guarded by this

    HeldMessage(Message message, long leaseNanos, long requestedAtNanos) {
        this.message = message;
        this.leaseNanos = leaseNanos;
        this.heldUntilNanos = requestedAtNanos + leaseNanos;
    }

    public String id() {
        return message.id();
    }

    /** The message as reserved, with its reservation's token. */
    public Message message() {
        return message;
    }

    /** Until when the lease is held for sure, on the worker's ticker. */
    public long heldUntilNanos() {
        return heldUntilNanos;
    }


    /** True until the lease is known to be lost. */
    public boolean held() {
        return !lost.get();
    }

    /** True when the lease was lost because the message was cancelled ({@code Queue.cancel}). */
    public boolean cancelled() {
        return cancelled;
    }

    /** The job starts on the current thread. */
    public synchronized void jobStarted() {
        jobThread = Thread.currentThread();
    }

    /** The job ended (its outcome is decided); a later loss of the lease changes nothing. */
    public synchronized void jobEnded() {
        jobThread = null;
        ended = true;
    }

    /** Interrupts the job's thread if the job runs now (an isolated job's parent then kills the child). */
    public synchronized void interruptJob() {
        if (jobThread != null) {
            jobThread.interrupt();
        }
    }

    synchronized boolean ended() {
        return ended;
    }

    /** A renewal sent at {@code sentAtNanos} succeeded. */
    void renewed(long sentAtNanos) {
        long until = sentAtNanos + leaseNanos;
        if (until - heldUntilNanos > 0) {
            heldUntilNanos = until;
        }
    }

    void markCancelled() {
        cancelled = true;
    }

    /** Marks the lease lost; true only for the first call. */
    boolean markLost() {
        return lost.compareAndSet(false, true);
    }
}
