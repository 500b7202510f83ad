package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import io.jobqueue.beanstalkd.BeanstalkdException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The messages this queue instance has reserved, by message id, each with the {@link Holder}
 * (connection) that reserved it. Finish, release, abort and lease renewal find the holder here
 * and run on its connection; an id that is not here is not reserved by this instance, and every
 * move of it returns false. Moves of many ids are grouped by holder and pipelined per holder.
 *
 * <p>{@code delete} also deletes ready jobs, so a finish must not reach a job whose lease ran
 * out: while the lease surely lasts it is a plain {@code delete}; near or past its end a
 * {@code touch} confirms the reservation first.
 *
 * <p>Beanstalkd 1.12 does not always end a lease whose connection stays silent: the job stays
 * reserved until that connection sends something. So {@link #expireOverdue()} (called by the
 * queue's other operations) sends a harmless {@code stats-job} on the holder of each lease that
 * surely ended, and forgets it; the server then puts the job back to ready. Thread-safe; a
 * holder's lock is never held while taking another's.
 */
public final class Reservations {

    private static final long END_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long SWEEP_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Map<String, Reservation> byMessageId = new ConcurrentHashMap<>();
    private final ConnectionPool pool;
    private final long defaultTtrNanos;
    private volatile long nextSweepNanos = System.nanoTime();

    public ConnectionPool pool() {
        return pool;
    }

    public Reservations(ConnectionPool pool, long defaultTtrNanos) {
        this.pool = pool;
        this.defaultTtrNanos = defaultTtrNanos;
    }

    /**
     * Records jobs just reserved on {@code client}, which from now on holds them (or goes back to
     * the pool when there are none), and returns them as messages.
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
        int finished = 0;
        for (Map.Entry<Holder, List<Reservation>> group : byHolder(ids).entrySet()) {
            finished += finishOn(group.getKey(), group.getValue());
        }
        return finished;
    }

    /** Releases a reserved message; {@code priority} null keeps the job's own. */
    public boolean release(String id, Long priority, long delaySeconds) {
        return moveOne(id, (client, r) -> client.release(r.jobId, priority == null ? r.priority : priority, delaySeconds));
    }

    /** Buries a reserved message and records why (see {@link FailedStore#bury}). */
    public boolean abort(String id, String reason, FailedStore failedStore) {
        return moveOne(id, (client, r) -> failedStore.bury(client, r.jobId, r.priority, r.messageId, r.buries + 1, reason));
    }

    /** Renews the leases of reserved messages; returns how many were renewed. */
    public int extendLeases(Collection<String> ids) {
        int renewed = 0;
        for (Map.Entry<Holder, List<Reservation>> group : byHolder(ids).entrySet()) {
            Holder holder = group.getKey();
            synchronized (holder) {
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
            }
        }
        return renewed;
    }

    /** Deletes every job this instance holds (for flush) and forgets them. */
    public void deleteAllHeld() {
        for (Holder holder : holders(byMessageId.values())) {
            synchronized (holder) {
                List<Reservation> held = holder.all();
                run(holder, () -> holder.client.deleteAll(jobIds(held)), null);
                held.forEach(this::forgetLocked);
            }
        }
    }

    /**
     * Ends the leases that surely ended on the server: a {@code stats-job} on the holder's
     * connection makes beanstalkd notice (see above), and the reservation is forgotten. Cheap when
     * nothing is overdue; runs at most every 20 ms.
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
            synchronized (holder) {
                List<Reservation> held = new ArrayList<>();
                for (Reservation reservation : overdue) {
                    if (reservation.holder == holder && holder.holds(reservation)) {
                        held.add(reservation);
                    }
                }
                List<Long> ids = new ArrayList<>(held.size());
                held.forEach(r -> ids.add(r.jobId));
                run(holder, () -> holder.client.statsJobs(ids), null);
                held.forEach(this::forgetLocked);
            }
        }
    }

    private int finishOn(Holder holder, List<Reservation> reservations) {
        synchronized (holder) {
            List<Reservation> held = heldOf(holder, reservations);
            long now = System.nanoTime();
            List<Reservation> sure = new ArrayList<>(held.size());
            List<Reservation> unsure = new ArrayList<>();
            for (Reservation r : held) {
                (r.surelyHeld(now) ? sure : unsure).add(r);
            }
            int deleted = count(run(holder, () -> holder.client.deleteAll(jobIds(sure)), null));
            if (!unsure.isEmpty()) {
                boolean[] touched = run(holder, () -> holder.client.touchAll(jobIds(unsure)), null);
                List<Reservation> confirmed = new ArrayList<>();
                for (int i = 0; touched != null && i < unsure.size(); i++) {
                    if (touched[i]) {
                        confirmed.add(unsure.get(i));
                    }
                }
                deleted += count(run(holder, () -> holder.client.deleteAll(jobIds(confirmed)), null));
            }
            held.forEach(this::forgetLocked);
            return deleted;
        }
    }

    private boolean moveOne(String id, Move move) {
        Reservation reservation = byMessageId.get(id);
        if (reservation == null) {
            return false;
        }
        Holder holder = reservation.holder;
        synchronized (holder) {
            if (!holder.holds(reservation)) {
                return false;
            }
            Boolean moved = run(holder, () -> move.apply(holder.client, reservation), Boolean.FALSE);
            forgetLocked(reservation);
            return moved;
        }
    }

    /**
     * Runs a command on a holder's connection (its lock held). When the connection fails, the
     * holder's jobs are gone back to the server's ready list, so they are forgotten and
     * {@code whenLost} is returned; an error reply on a sound connection is thrown.
     */
    private <T> T run(Holder holder, java.util.function.Supplier<T> command, T whenLost) {
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
        synchronized (reservation.holder) {
            if (reservation.holder.holds(reservation)) {
                forgetLocked(reservation);
            } else {
                byMessageId.remove(reservation.messageId, reservation);
            }
        }
    }

    /** Drops a reservation; the holder's connection goes back to the pool with its last job. Lock held. */
    private void forgetLocked(Reservation reservation) {
        byMessageId.remove(reservation.messageId, reservation);
        if (reservation.holder.remove(reservation)) {
            pool.giveBack(reservation.holder.client);
        }
    }

    private Map<Holder, List<Reservation>> byHolder(Collection<String> ids) {
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
        return groups;
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

    private static int count(boolean[] flags) {
        int n = 0;
        for (int i = 0; flags != null && i < flags.length; i++) {
            n += flags[i] ? 1 : 0;
        }
        return n;
    }

    /** One move of one reserved job on its holder's connection. */
    private interface Move {
        boolean apply(BeanstalkClient client, Reservation reservation);
    }
}
