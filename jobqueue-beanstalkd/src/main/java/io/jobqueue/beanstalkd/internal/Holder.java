package io.jobqueue.beanstalkd.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A connection that holds reserved jobs. Beanstalkd lets only the connection that reserved a job
 * delete, release, bury or touch it, so every move of these jobs goes through this connection,
 * under {@link #lock}. When the last job is gone the connection goes back to the pool and the
 * holder is done for good; a failed connection ends it too (the server then returns the jobs to
 * ready by itself). Code that locks several holders locks them in the order of {@link #order}.
 */
final class Holder {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    final BeanstalkClient client;
    final ReentrantLock lock = new ReentrantLock();
    final long order = SEQUENCE.incrementAndGet();
    private final Map<Long, Reservation> jobs = new HashMap<>();
    private boolean done;

    Holder(BeanstalkClient client) {
        this.client = client;
    }

    /** Adds a job before the holder is published; no lock needed then. */
    void add(Reservation reservation) {
        jobs.put(reservation.jobId, reservation);
    }

    /** Whether this holder still holds exactly that reservation; call with the lock held. */
    boolean holds(Reservation reservation) {
        return !done && jobs.get(reservation.jobId) == reservation;
    }

    /** Whether the holder gave its connection back or lost it; call with the lock held. */
    boolean isDone() {
        return done;
    }

    /** Drops one reservation; returns true when it was the last (the caller then returns the connection). */
    boolean remove(Reservation reservation) {
        jobs.remove(reservation.jobId, reservation);
        if (jobs.isEmpty() && !done) {
            done = true;
            return true;
        }
        return false;
    }

    /** Ends the holder after its connection failed; returns what it held. Call with the lock held. */
    List<Reservation> lose() {
        List<Reservation> lost = new ArrayList<>(jobs.values());
        jobs.clear();
        done = true;
        return lost;
    }
}
