package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the leases of reserved messages: renews them with {@code touch} on their holder's
 * connection (the server touches only jobs that connection holds), and ends the ones that ran out.
 *
 * <p>Beanstalkd 1.12 does not always end a lease whose connection stays silent: the job stays
 * reserved until that connection sends something. So {@link #expireOverdue()} (which the queue
 * calls from its other operations) sends a harmless {@code stats-job} on the holder of each lease
 * that surely ended on the server, and forgets the reservation; the server then puts the job back
 * to ready.
 */
public final class LeaseKeeper {

    private static final long SWEEP_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Reservations reservations;
    private volatile long nextSweepNanos = System.nanoTime();

    public LeaseKeeper(Reservations reservations) {
        this.reservations = reservations;
    }

    /** Renews the leases of the reserved messages whose tokens are current; returns the ids renewed. */
    public Set<String> extendLeases(Collection<Message> messages) {
        Set<String> renewed = new HashSet<>();
        for (Map.Entry<Holder, List<Reservation>> group : reservations.byHolder(messages)) {
            Holder holder = group.getKey();
            holder.lock.lock();
            try {
                List<Reservation> live = reservations.liveOf(holder, group.getValue(), System.nanoTime());
                long sentAt = System.nanoTime();
                boolean[] touched = reservations.run(holder, () -> holder.client.touchAll(Reservations.jobIds(live)), new boolean[live.size()]);
                long answeredAt = System.nanoTime();
                for (int i = 0; i < live.size(); i++) {
                    if (touched[i]) {
                        live.get(i).renewed(sentAt, answeredAt);
                        renewed.add(live.get(i).messageId);
                    } else {
                        reservations.forgetLocked(live.get(i)); // the lease ran out
                    }
                }
            } finally {
                holder.lock.unlock();
            }
        }
        return renewed;
    }

    /**
     * Ends the leases that surely ended on the server: a {@code stats-job} on the holder's
     * connection makes beanstalkd notice (see above), and the reservation is forgotten. Cheap when
     * nothing is overdue; does its work at most every 20 ms.
     */
    public void expireOverdue() {
        long now = System.nanoTime();
        if (now - nextSweepNanos < 0 || reservations.all().isEmpty()) {
            return;
        }
        nextSweepNanos = now + SWEEP_EVERY_NANOS;
        List<Reservation> overdue = new ArrayList<>();
        for (Reservation reservation : reservations.all()) {
            if (reservation.surelyEnded(now, Reservations.END_SLACK_NANOS)) {
                overdue.add(reservation);
            }
        }
        for (Holder holder : Reservations.holders(overdue)) {
            Reservations.onEach(holder, overdue, held -> {
                List<Long> ids = new ArrayList<>(held.size());
                held.forEach(r -> ids.add(r.jobId));
                reservations.run(holder, () -> holder.client.statsJobs(ids), null);
                held.forEach(reservations::forgetLocked);
            });
        }
    }
}
