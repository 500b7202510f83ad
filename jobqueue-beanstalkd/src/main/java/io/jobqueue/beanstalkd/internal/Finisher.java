package io.jobqueue.beanstalkd.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finishes reserved messages: each job is deleted on the connection that holds it. The deletes
 * go out to every holder first and the answers are read after, so finishing many costs one
 * round trip however many connections hold them.
 *
 * <p>{@code delete} also deletes ready jobs, so a finish must not reach a job whose lease ran
 * out: while the lease surely lasts it is a plain {@code delete}; near or past its end a
 * {@code touch} confirms the reservation first, and only what it confirmed is deleted.
 */
public final class Finisher {

    private final Reservations reservations;

    public Finisher(Reservations reservations) {
        this.reservations = reservations;
    }

    /** Finishes (deletes) reserved messages; returns how many were deleted. */
    public int finish(Collection<String> ids) {
        List<Map.Entry<Holder, List<Reservation>>> groups = reservations.byHolder(ids);
        groups.forEach(group -> group.getKey().lock.lock());
        try {
            long now = System.nanoTime();
            List<List<Reservation>> sure = new ArrayList<>(groups.size());
            List<Reservation> unsure = new ArrayList<>();
            for (Map.Entry<Holder, List<Reservation>> group : groups) {
                List<Reservation> certain = new ArrayList<>();
                for (Reservation r : Reservations.heldOf(group.getKey(), group.getValue())) {
                    (r.surelyHeld(now) ? certain : unsure).add(r);
                }
                sure.add(certain);
                reservations.run(group.getKey(), () -> queueDeletes(group.getKey(), certain), null);
            }
            int deleted = 0;
            for (int i = 0; i < groups.size(); i++) {
                Holder holder = groups.get(i).getKey();
                List<Reservation> certain = sure.get(i);
                if (certain.isEmpty() || holder.isDone()) {
                    continue; // nothing sent, or the connection failed while sending (its jobs are back on the server)
                }
                deleted += reservations.run(holder, () -> readDeletes(holder, certain), 0);
                certain.forEach(reservations::forgetLocked);
            }
            for (Reservation r : unsure) {
                deleted += confirmAndDelete(r) ? 1 : 0;
            }
            return deleted;
        } finally {
            for (int i = groups.size() - 1; i >= 0; i--) {
                groups.get(i).getKey().lock.unlock();
            }
        }
    }

    private static Boolean queueDeletes(Holder holder, List<Reservation> reservations) {
        for (Reservation r : reservations) {
            holder.client.queueCommand("delete " + r.jobId);
        }
        holder.client.send();
        return Boolean.TRUE;
    }

    private static Integer readDeletes(Holder holder, List<Reservation> reservations) {
        int deleted = 0;
        for (Reservation r : reservations) {
            deleted += holder.client.expect(holder.client.next(), "delete " + r.jobId, "DELETED", "NOT_FOUND").is("DELETED") ? 1 : 0;
        }
        return deleted;
    }

    /** Near or past the end of the lease: touch first, and delete only what the touch confirmed. Lock held. */
    private boolean confirmAndDelete(Reservation r) {
        Holder holder = r.holder;
        if (!holder.holds(r)) {
            return false;
        }
        boolean deleted = reservations.run(holder, () -> holder.client.touchAll(new long[] {r.jobId})[0] && holder.client.delete(r.jobId), false);
        reservations.forgetLocked(r);
        return deleted;
    }
}
