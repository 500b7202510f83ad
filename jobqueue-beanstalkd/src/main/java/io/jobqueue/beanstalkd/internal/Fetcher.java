package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import io.jobqueue.beanstalkd.BeanstalkdException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reserves a batch on a connection of its own, which then holds the jobs. Jobs that are ready are
 * taken with pipelined zero-timeout reserves; only when none is ready does it wait with one
 * blocking reserve. Each job's stats are read too: its delivery and release counts and the token
 * come from them.
 *
 * <p>The stats would cost a second round trip, since the ids are known only from the reserve
 * answers. But a tube drained in order hands out rising ids, so the stats of the ids that follow
 * the last batch are asked for in the same write as the reserves; what was guessed wrong is asked
 * for afterwards. The guess never changes an answer, only how many round trips it takes.
 */
public final class Fetcher {

    private static final int ATTEMPTS = 3;

    private final ConnectionPool pool;
    private final Reservations reservations;
    private final AtomicLong nextExpectedId = new AtomicLong();

    public Fetcher(ConnectionPool pool, Reservations reservations) {
        this.pool = pool;
        this.reservations = reservations;
    }

    /**
     * Reserves up to {@code max} messages, waiting up to {@code wait} (whole seconds, rounded up;
     * zero polls once) for the first.
     */
    public List<Message> reserve(int max, Duration wait) {
        for (int attempt = 1; ; attempt++) {
            BeanstalkClient client = pool.borrow();
            try {
                long sentAt = System.nanoTime();
                Map<Long, JobStats> stats = new HashMap<>();
                List<RawJob> jobs = reserveReady(client, max, stats);
                if (jobs.isEmpty() && Timeouts.wholeSecondsUp(wait) > 0) {
                    sentAt = System.nanoTime();
                    RawJob job = client.reserve(wait);
                    jobs = job == null ? List.of() : List.of(job);
                }
                long answeredAt = System.nanoTime();
                if (jobs.isEmpty()) {
                    nextExpectedId.set(0); // no guessing while the tube is idle
                    pool.giveBack(client);
                    return List.of();
                }
                List<JobStats> ordered = completeStats(client, jobs, stats);
                return reservations.hold(client, jobs, ordered, sentAt, answeredAt);
            } catch (BeanstalkdException e) {
                pool.closeAfterFailure(client); // jobs it reserved go back to ready
                if ("DEADLINE_SOON".equals(e.reply()) && attempt < ATTEMPTS) {
                    continue; // the connection still held a job in its last second: use another
                }
                throw e;
            }
        }
    }

    /** Zero-timeout reserves, with the stats of the expected ids in the same write. */
    private List<RawJob> reserveReady(BeanstalkClient client, int max, Map<Long, JobStats> stats) {
        long guess = nextExpectedId.get();
        int guesses = guess > 0 ? max : 0;
        for (int i = 0; i < max; i++) {
            client.queueCommand("reserve-with-timeout 0");
        }
        for (int i = 0; i < guesses; i++) {
            client.queueCommand("stats-job " + (guess + i));
        }
        List<RawJob> jobs = client.readReserved(max);
        for (int i = 0; i < guesses; i++) {
            Reply reply = client.next();
            if (reply.is("OK")) {
                JobStats jobStats = JobStats.parse(reply.body());
                for (RawJob job : jobs) {
                    if (job.id() == jobStats.id()) {
                        stats.put(job.id(), jobStats); // asked after the reserve: it shows our reservation
                    }
                }
            }
        }
        return jobs;
    }

    /** Asks for the stats the guess missed; returns them in the order of {@code jobs}. */
    private List<JobStats> completeStats(BeanstalkClient client, List<RawJob> jobs, Map<Long, JobStats> stats) {
        long highest = 0;
        List<Long> missing = new ArrayList<>();
        for (RawJob job : jobs) {
            highest = Math.max(highest, job.id());
            if (!stats.containsKey(job.id())) {
                missing.add(job.id());
            }
        }
        nextExpectedId.set(highest + 1);
        if (!missing.isEmpty()) {
            List<JobStats> fetched = client.statsJobs(missing);
            for (int i = 0; i < missing.size(); i++) {
                stats.put(missing.get(i), fetched.get(i));
            }
        }
        List<JobStats> ordered = new ArrayList<>(jobs.size());
        for (RawJob job : jobs) {
            ordered.add(stats.get(job.id()));
        }
        return ordered;
    }
}
