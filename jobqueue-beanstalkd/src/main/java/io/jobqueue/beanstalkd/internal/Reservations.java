package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.beanstalkd.BeanstalkdException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The messages this queue instance has reserved, by message id, each with the {@link Holder}
 * (connection) that reserved it and its token: beanstalkd lets only that connection move the job.
 * Release and abort find the holder here and run on its connection; finishing many
 * ({@link Finisher}) and keeping leases ({@link LeaseKeeper}) use the same registry.
 *
 * <p>Fencing: a message moves only when its token is the one of the reservation held here and the
 * lease has not surely ended; then the command runs on the holding connection, and the server
 * confirms the reservation ({@code release}, {@code bury} and {@code touch} find only jobs that
 * connection holds; a {@code delete}, which would find any job, is confirmed by a {@code touch}
 * near the end of the lease, see {@link Finisher}). A holder reserves nothing while it holds a job,
 * so a job reserved on its connection is reserved under that very reservation. Anything else (a
 * stale token, a lease that ran out, another instance's message) changes nothing.
 *
 * <p>A holder's connection goes back to the pool with its last job; when it fails, its jobs are
 * back on the server (beanstalkd returns a closed connection's jobs to ready) and are forgotten.
 * Thread-safe; code that locks several holders locks them in {@link Holder#order}.
 */
public final class Reservations {

    /** How long after a lease surely ended on the server it is taken as over without asking the server. */
    static final long END_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Map<String, Reservation> byMessageId = new ConcurrentHashMap<>();
    private final ConnectionPool pool;
    private final long defaultTtrNanos;

    public Reservations(ConnectionPool pool, long defaultTtrNanos) {
        this.pool = pool;
        this.defaultTtrNanos = defaultTtrNanos;
    }

    /**
     * Records jobs just reserved on {@code client}, which from now on holds them (or goes back to
     * the pool when there are none), and returns them as messages with their tokens.
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
            JobStats jobStats = stats.get(i) != null ? stats.get(i) : new JobStats(job.id(), "", "reserved", 0, 0, 1, 0, 0);
            long ttrNanos = jobStats.ttr() > 0 ? TimeUnit.SECONDS.toNanos(jobStats.ttr()) : defaultTtrNanos;
            Message unreserved = Bodies.message(job, jobStats, "");
            Reservation reservation = new Reservation(unreserved.id(), job.id(), holder, jobStats, ttrNanos, sentAtNanos,
                    answeredAtNanos);
            holder.add(reservation);
            reservations.add(reservation);
            messages.add(new Message(unreserved.id(), unreserved.payload(), unreserved.headers(), unreserved.numberOfReleases(),
                    unreserved.numberOfDeliveries(), reservation.token));
        }
        for (Reservation reservation : reservations) {
            Reservation previous = byMessageId.put(reservation.messageId, reservation);
            if (previous != null && previous.holder != holder) {
                forget(previous); // its lease ran out and the message was reserved again: the id is ours now
            }
        }
        return messages;
    }

    /**
     * Releases a reserved message; {@code options.priority()} null keeps the job's own. An attempt
     * is a {@code release}; a give-back without delay buries the job and kicks it straight back,
     * which beanstalkd does not count as a release (a delayed give-back can only be a
     * {@code release}, and is counted).
     */
    public boolean release(Message message, ReleaseOptions options) {
        long delaySeconds = Timeouts.wholeSecondsUp(options.delay());
        return moveOne(message, r -> {
            long priority = options.priority() == null ? r.priority : options.priority();
            BeanstalkClient client = r.holder.client;
            return options.attempt() || delaySeconds > 0 ? client.release(r.jobId, priority, delaySeconds)
                    : client.buryAndKick(r.jobId, priority);
        });
    }

    /** Buries a reserved message and records why (see {@link FailedStore#bury}). */
    public boolean abort(Message message, String reason, FailedStore failedStore) {
        return moveOne(message, r -> failedStore.bury(r.holder.client, r.jobId, r.priority, r.messageId, r.buries + 1, reason));
    }

    /** The reservation {@code message}'s token names, or null when this instance holds none under that token. */
    Reservation current(Message message) {
        Reservation reservation = byMessageId.get(message.id());
        return reservation != null && reservation.token.equals(message.token()) ? reservation : null;
    }

    /** Every reservation, for a sweep over them. */
    Collection<Reservation> all() {
        return byMessageId.values();
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
     * With the holder's lock held: true when the lease surely ended on the server; then the
     * reservation is forgotten, after a {@code stats-job} on its connection that makes beanstalkd
     * put the job back (see {@link LeaseKeeper}).
     */
    boolean lapsed(Reservation reservation, long nowNanos) {
        if (!reservation.surelyEnded(nowNanos, END_SLACK_NANOS)) {
            return false;
        }
        Holder holder = reservation.holder;
        run(holder, () -> holder.client.statsJob(reservation.jobId), null);
        forgetLocked(reservation);
        return true;
    }

    private boolean moveOne(Message message, Predicate<Reservation> move) {
        Reservation reservation = current(message);
        if (reservation == null) {
            return false;
        }
        Holder holder = reservation.holder;
        holder.lock.lock();
        try {
            if (!holder.holds(reservation) || lapsed(reservation, System.nanoTime())) {
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

    /** The reservations the tokens of {@code messages} name, grouped by holder, holders in lock order. */
    List<Map.Entry<Holder, List<Reservation>>> byHolder(Collection<Message> messages) {
        Map<Holder, List<Reservation>> groups = new LinkedHashMap<>();
        for (Message message : messages) {
            Reservation reservation = current(message);
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

    /**
     * Those of {@code reservations} that {@code holder} still holds and whose lease has not surely
     * ended (the lapsed ones are forgotten); call with the holder's lock held.
     */
    List<Reservation> liveOf(Holder holder, List<Reservation> reservations, long nowNanos) {
        List<Reservation> live = new ArrayList<>(reservations.size());
        for (Reservation reservation : reservations) {
            if (holder.holds(reservation) && !lapsed(reservation, nowNanos)) {
                live.add(reservation);
            }
        }
        return live;
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

    static long[] jobIds(List<Reservation> reservations) {
        long[] ids = new long[reservations.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = reservations.get(i).jobId;
        }
        return ids;
    }
}
