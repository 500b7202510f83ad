package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import io.jobqueue.beanstalkd.BeanstalkdException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The messages this queue instance has reserved, by message id, each with the {@link Holder}
 * (connection) that reserved it. Finish, release, abort and lease renewal find the holder here
 * and run on its connection; an id that is not here is not reserved by this instance, and every
 * move of it returns false. {@link #finish} of many ids writes the deletes to every holder first
 * and then reads the answers, so it costs one round trip however many connections hold them.
 *
 * <p>{@code delete} also deletes ready jobs, so a finish must not reach a job whose lease ran
 * out: while the lease surely lasts it is a plain {@code delete}; near or past its end a
 * {@code touch} confirms the reservation first.
 *
 * <p>Beanstalkd 1.12 does not always end a lease whose connection stays silent: the job stays
 * reserved until that connection sends something. So {@link #expireOverdue()} (called by the
 * queue's other operations) sends a harmless {@code stats-job} on the holder of each lease that
 * surely ended, and forgets it; the server then puts the job back to ready. Thread-safe.
 */
public final class Reservations {

    private static final long END_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long SWEEP_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Map<String, Reservation> byMessageId = new ConcurrentHashMap<>();
    private final ConnectionPool pool;
    private final long defaultTtrNanos;
    private volatile long nextSweepNanos = System.nanoTime();

    public Reservations(ConnectionPool pool, long defaultTtrNanos) {
        this.pool = pool;
        this.defaultTtrNanos = defaultTtrNanos;
    }

    /**
     * Records jobs just reserved on {@code client}, which from now on holds them (or goes back to
     * the pool when there are none), and returns them as messages.
     *
     * @param sentAtNanos     just before the reserve was sent
     * @param answeredAtNanos just after its answer came
     */
    public List<Message> hold(BeanstalkClient client, List<RawJob> jobs, List<JobStats> stats, long sentAtNanos,
            long answeredAtNanos) {
        if (jobs.isEmpty()) {
            pool.giveBack(client);
            return List.of();
        }
        Holder holder = new Holder(client);
        List<Message> messages = new ArrayList<>(jobs.size());
        List<Reservation> reservations = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            RawJob job = jobs.get(i);
            JobStats jobStats = stats.get(i) != null ? stats.get(i) : new JobStats(job.id(), "", "reserved", 0, 0, 1, 0);
            String messageId = Bodies.messageId(job.id(), job.body());
            long ttrNanos = jobStats.ttr() > 0 ? TimeUnit.SECONDS.toNanos(jobStats.ttr()) : defaultTtrNanos;
            Reservation reservation = new Reservation(messageId, job.id(), holder, jobStats, ttrNanos, sentAtNanos, answeredAtNanos);
            holder.add(reservation);
            reservations.add(reservation);
            messages.add(new Message(messageId, Bodies.payload(job.body()), jobStats.releases()));
        }
        for (Reservation reservation : reservations) {
            Reservation previous = byMessageId.put(reservation.messageId, reservation);
            if (previous != null && previous.holder != holder) {
                forget(previous); // its lease ran out and the message was reserved again: the id is ours now
            }
        }
        return messages;
    }

    /** Finishes (deletes) reserved messages; returns how many were deleted. */
    public int finish(Collection<String> ids) {
        List<Map.Entry<Holder, List<Reservation>>> groups = byHolder(ids);
        groups.forEach(group -> group.getKey().lock.lock());
        try {
            long now = System.nanoTime();
            List<List<Reservation>> sure = new ArrayList<>(groups.size());
            List<Reservation> unsure = new ArrayList<>();
            for (Map.Entry<Holder, List<Reservation>> group : groups) {
                List<Reservation> certain = new ArrayList<>();
                for (Reservation r : heldOf(group.getKey(), group.getValue())) {
                    (r.surelyHeld(now) ? certain : unsure).add(r);
                }
                sure.add(certain);
                run(group.getKey(), () -> queueDeletes(group.getKey(), certain), null);
            }
            int deleted = 0;
            for (int i = 0; i < groups.size(); i++) {
                Holder holder = groups.get(i).getKey();
                List<Reservation> certain = sure.get(i);
                if (certain.isEmpty() || holder.isDone()) {
                    continue; // nothing sent, or the connection failed while sending (its jobs are back on the server)
                }
                deleted += run(holder, () -> readDeletes(holder, certain), 0);
                certain.forEach(this::forgetLocked);
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

    /** Releases a reserved message; {@code priority} null keeps the job's own. */
    public boolean release(String id, Long priority, long delaySeconds) {
        return moveOne(id, r -> r.holder.client.release(r.jobId, priority == null ? r.priority : priority, delaySeconds));
    }

    /** Buries a reserved message and records why (see {@link FailedStore#bury}). */
    public boolean abort(String id, String reason, FailedStore failedStore) {
        return moveOne(id, r -> failedStore.bury(r.holder.client, r.jobId, r.priority, r.messageId, r.buries + 1, reason));
    }

    /** Renews the leases of reserved messages; returns how many were renewed. */
    public int extendLeases(Collection<String> ids) {
        int renewed = 0;
        for (Map.Entry<Holder, List<Reservation>> group : byHolder(ids)) {
            Holder holder = group.getKey();
            holder.lock.lock();
            try {
                List<Reservation> held = heldOf(holder, group.getValue());
                long sentAt = System.nanoTime();
                boolean[] touched = run(holder, () -> holder.client.touchAll(jobIds(held)), new boolean[held.size()]);
                long answeredAt = System.nanoTime();
                for (int i = 0; i < held.size(); i++) {
                    if (touched[i]) {
                        held.get(i).renewed(sentAt, answeredAt);
                        renewed++;
                    } else {
                        forgetLocked(held.get(i)); // the lease ran out
                    }
                }
            } finally {
                holder.lock.unlock();
            }
        }
        return renewed;
    }

    /** Deletes every job this instance holds (for flush) and forgets them. */
    public void deleteAllHeld() {
        for (Holder holder : holders(byMessageId.values())) {
            onEach(holder, byMessageId.values(), held -> {
                run(holder, () -> holder.client.deleteAll(jobIds(held)), null);
                held.forEach(this::forgetLocked);
            });
        }
    }

    /**
     * Ends the leases that surely ended on the server: a {@code stats-job} on the holder's
     * connection makes beanstalkd notice (see above), and the reservation is forgotten. Cheap when
     * nothing is overdue; does its work at most every 20 ms.
     */
    public void expireOverdue() {
        long now = System.nanoTime();
        if (now - nextSweepNanos < 0 || byMessageId.isEmpty()) {
            return;
        }
        nextSweepNanos = now + SWEEP_EVERY_NANOS;
        List<Reservation> overdue = new ArrayList<>();
        for (Reservation reservation : byMessageId.values()) {
            if (reservation.surelyEnded(now, END_SLACK_NANOS)) {
                overdue.add(reservation);
            }
        }
        for (Holder holder : holders(overdue)) {
            onEach(holder, overdue, held -> {
                List<Long> ids = new ArrayList<>(held.size());
                held.forEach(r -> ids.add(r.jobId));
                run(holder, () -> holder.client.statsJobs(ids), null);
                held.forEach(this::forgetLocked);
            });
        }
    }

    private Boolean queueDeletes(Holder holder, List<Reservation> reservations) {
        for (Reservation r : reservations) {
            holder.client.queueCommand("delete " + r.jobId);
        }
        holder.client.send();
        return Boolean.TRUE;
    }

    private Integer readDeletes(Holder holder, List<Reservation> reservations) {
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
        boolean deleted = run(holder, () -> holder.client.touchAll(new long[] {r.jobId})[0] && holder.client.delete(r.jobId), false);
        forgetLocked(r);
        return deleted;
    }

    private boolean moveOne(String id, java.util.function.Predicate<Reservation> move) {
        Reservation reservation = byMessageId.get(id);
        if (reservation == null) {
            return false;
        }
        Holder holder = reservation.holder;
        holder.lock.lock();
        try {
            if (!holder.holds(reservation)) {
                return false;
            }
            boolean moved = run(holder, () -> move.test(reservation), false);
            forgetLocked(reservation);
            return moved;
        } finally {
            holder.lock.unlock();
        }
    }

    /**
     * Runs a command on a holder's connection (its lock held). When the connection fails, the
     * holder's jobs went back to the server's ready list, so they are forgotten and
     * {@code whenLost} is returned; an error reply on a sound connection is thrown.
     */
    private <T> T run(Holder holder, Supplier<T> command, T whenLost) {
        try {
            return command.get();
        } catch (BeanstalkdException e) {
            if (holder.client.isUsable()) {
                throw e;
            }
            for (Reservation lost : holder.lose()) {
                byMessageId.remove(lost.messageId, lost);
            }
            pool.giveBack(holder.client);
            return whenLost;
        }
    }

    private void forget(Reservation reservation) {
        reservation.holder.lock.lock();
        try {
            if (reservation.holder.holds(reservation)) {
                forgetLocked(reservation);
            } else {
                byMessageId.remove(reservation.messageId, reservation);
            }
        } finally {
            reservation.holder.lock.unlock();
        }
    }

    /** Drops a reservation; the holder's connection goes back to the pool with its last job. Lock held. */
    private void forgetLocked(Reservation reservation) {
        byMessageId.remove(reservation.messageId, reservation);
        if (reservation.holder.remove(reservation)) {
            pool.giveBack(reservation.holder.client);
        }
    }

    /** Runs {@code action} on those of {@code candidates} that {@code holder} still holds, its lock held. */
    private static void onEach(Holder holder, Collection<Reservation> candidates, java.util.function.Consumer<List<Reservation>> action) {
        holder.lock.lock();
        try {
            List<Reservation> held = new ArrayList<>();
            for (Reservation r : candidates) {
                if (r.holder == holder && holder.holds(r)) {
                    held.add(r);
                }
            }
            action.accept(held);
        } finally {
            holder.lock.unlock();
        }
    }

    /** The reservations of {@code ids}, grouped by holder, holders in lock order. */
    private List<Map.Entry<Holder, List<Reservation>>> byHolder(Collection<String> ids) {
        Map<Holder, List<Reservation>> groups = new LinkedHashMap<>();
        for (String id : ids) {
            Reservation reservation = byMessageId.get(id);
            if (reservation != null) {
                List<Reservation> group = groups.computeIfAbsent(reservation.holder, h -> new ArrayList<>());
                if (!group.contains(reservation)) {
                    group.add(reservation);
                }
            }
        }
        List<Map.Entry<Holder, List<Reservation>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.comparingLong(entry -> entry.getKey().order));
        return ordered;
    }

    private static List<Holder> holders(Collection<Reservation> reservations) {
        List<Holder> holders = new ArrayList<>();
        for (Reservation reservation : reservations) {
            if (!holders.contains(reservation.holder)) {
                holders.add(reservation.holder);
            }
        }
        return holders;
    }

    private static List<Reservation> heldOf(Holder holder, List<Reservation> reservations) {
        List<Reservation> held = new ArrayList<>(reservations.size());
        for (Reservation reservation : reservations) {
            if (holder.holds(reservation)) {
                held.add(reservation);
            }
        }
        return held;
    }

    private static long[] jobIds(List<Reservation> reservations) {
        long[] ids = new long[reservations.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = reservations.get(i).jobId;
        }
        return ids;
    }
}
