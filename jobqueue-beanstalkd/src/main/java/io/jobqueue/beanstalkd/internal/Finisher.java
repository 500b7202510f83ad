package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finishes reserved messages: each job is deleted on the connection that holds it. The deletes
 * go out to every holder first and the answers are read after, so finishing many costs one
 * round trip however many connections hold them.
 *
 * <p>{@code delete} also deletes ready jobs, so a finish must not reach a job whose lease ran
 * out: while the lease surely lasts it is a plain {@code delete}; near its end a {@code touch}
 * on the holding connection confirms the reservation first, and only what it confirmed is
 * deleted; after its end nothing is sent but the {@code stats-job} that makes the server notice.
 */
public final class Finisher {

    private final Reservations reservations;

    public Finisher(Reservations reservations) {
        this.reservations = reservations;
    }

    /** Finishes (deletes) the reserved messages whose tokens are current; returns the ids deleted. */
    public Set<String> finish(Collection<Message> messages) {
        List<Map.Entry<Holder, List<Reservation>>> groups = reservations.byHolder(messages);
        groups.forEach(group -> group.getKey().lock.lock());
        try {
            long now = System.nanoTime();
            List<List<Reservation>> sure = new ArrayList<>(groups.size());
            List<Reservation> unsure = new ArrayList<>();
            for (Map.Entry<Holder, List<Reservation>> group : groups) {
                List<Reservation> certain = new ArrayList<>();
                for (Reservation r : reservations.liveOf(group.getKey(), group.getValue(), now)) {
                    (r.surelyHeld(now) ? certain : unsure).add(r);
                }
                sure.add(certain);
                reservations.run(group.getKey(), () -> queueDeletes(group.getKey(), certain), null);
            }
            Set<String> deleted = new HashSet<>();
            for (int i = 0; i < groups.size(); i++) {
                Holder holder = groups.get(i).getKey();
                List<Reservation> certain = sure.get(i);
                if (certain.isEmpty() || holder.isDone()) {
                    continue; // nothing sent, or the connection failed while sending (its jobs are back on the server)
                }
                boolean[] done = reservations.run(holder, () -> readDeletes(holder, certain), new boolean[certain.size()]);
                for (int k = 0; k < certain.size(); k++) {
                    if (done[k]) {
                        deleted.add(certain.get(k).messageId);
                    }
                }
                certain.forEach(reservations::forgetLocked);
            }
            for (Reservation r : unsure) {
                if (confirmAndDelete(r)) {
                    deleted.add(r.messageId);
                }
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

    private static boolean[] readDeletes(Holder holder, List<Reservation> reservations) {
        boolean[] deleted = new boolean[reservations.size()];
        for (int i = 0; i < deleted.length; i++) {
            long jobId = reservations.get(i).jobId;
            deleted[i] = holder.client.expect(holder.client.next(), "delete " + jobId, "DELETED", "NOT_FOUND").is("DELETED");
        }
        return deleted;
    }

    /** Near the end of the lease: touch first, and delete only what the touch confirmed. Lock held. */
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
