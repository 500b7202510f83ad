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
 * (connection) that reserved it: beanstalkd lets only that connection move the job. Release and
 * abort find the holder here and run on its connection; finishing many ({@link Finisher}) and
 * keeping leases ({@link LeaseKeeper}) use the same registry. An id that is not here is not
 * reserved by this instance, and every move of it returns false.
 *
 * <p>A holder's connection goes back to the pool with its last job; when it fails, its jobs are
 * back on the server (beanstalkd returns a closed connection's jobs to ready) and are forgotten.
 * Thread-safe; code that locks several holders locks them in {@link Holder#order}.
 */
public final class Reservations {

    private final Map<String, Reservation> byMessageId = new ConcurrentHashMap<>();
    private final ConnectionPool pool;
    private final long defaultTtrNanos;

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

    /** Releases a reserved message; {@code priority} null keeps the job's own. */
    public boolean release(String id, Long priority, long delaySeconds) {
        return moveOne(id, r -> r.holder.client.release(r.jobId, priority == null ? r.priority : priority, delaySeconds));
    }

    /** Buries a reserved message and records why (see {@link FailedStore#bury}). */
    public boolean abort(String id, String reason, FailedStore failedStore) {
        return moveOne(id, r -> failedStore.bury(r.holder.client, r.jobId, r.priority, r.messageId, r.buries + 1, reason));
    }

    /** Every reservation, for a sweep over them. */
    Collection<Reservation> all() {
        return byMessageId.values();
    }

    /** The reservation of a message id, or null when this instance holds none. */
    Reservation get(String messageId) {
        return byMessageId.get(messageId);
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
    <T> T run(Holder holder, Supplier<T> command, T whenLost) {
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
    void forgetLocked(Reservation reservation) {
        byMessageId.remove(reservation.messageId, reservation);
        if (reservation.holder.remove(reservation)) {
            pool.giveBack(reservation.holder.client);
        }
    }

    /** Runs {@code action} on those of {@code candidates} that {@code holder} still holds, its lock held. */
    static void onEach(Holder holder, Collection<Reservation> candidates, java.util.function.Consumer<List<Reservation>> action) {
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
    List<Map.Entry<Holder, List<Reservation>>> byHolder(Collection<String> ids) {
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

    static List<Holder> holders(Collection<Reservation> reservations) {
        List<Holder> holders = new ArrayList<>();
        for (Reservation reservation : reservations) {
            if (!holders.contains(reservation.holder)) {
                holders.add(reservation.holder);
            }
        }
        return holders;
    }

    static List<Reservation> heldOf(Holder holder, List<Reservation> reservations) {
        List<Reservation> held = new ArrayList<>(reservations.size());
        for (Reservation reservation : reservations) {
            if (holder.holds(reservation)) {
                held.add(reservation);
            }
        }
        return held;
    }

    static long[] jobIds(List<Reservation> reservations) {
        long[] ids = new long[reservations.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = reservations.get(i).jobId;
        }
        return ids;
    }
}
