package io.jobqueue.bench;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where every {@link NoopJob} reports that it started: a registry of {@link Round}s, found by the
 * round number in the job's sequence number. Static because jobs are rebuilt from JSON by the job
 * manager and reach nothing else; the cost per job is one map lookup and two atomic increments.
 *
 * <p>Rounds are kept for the life of the process, so a job that runs late (a second time, after
 * its round was measured) is still counted against its round by {@link #tally}.
 */
final class Recorder {

    private static final Map<Integer, Round> ROUNDS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_ROUND = new AtomicInteger();
    private static final AtomicLong STRAYS = new AtomicLong();

    private Recorder() {
    }

    /** A new round for {@code capacity} jobs, indexes 0 to capacity - 1. */
    static Round newRound(int capacity) {
        Round round = new Round(NEXT_ROUND.incrementAndGet(), capacity);
        ROUNDS.put(round.number(), round);
        return round;
    }

    /** Called by a job as it starts. */
    static void started(long seq, long submittedNanos) {
        long now = System.nanoTime();
        Round round = ROUNDS.get((int) (seq >>> 32));
        if (round == null || !round.started((int) seq, now - submittedNanos, now)) {
            STRAYS.incrementAndGet();
        }
    }

    /** Jobs that named no known round or an index out of its range (none, unless a queue invents messages). */
    static long strays() {
        return STRAYS.get();
    }

    /** Lost and twice-run jobs of these rounds, counted now. */
    static Tally tally(Collection<Round> rounds) {
        long lost = 0;
        long twice = 0;
        for (Round round : rounds) {
            lost += round.lost();
            twice += round.ranTwice();
        }
        return new Tally(lost, twice);
    }

    /**
     * Counts of jobs that broke the queue's promise.
     *
     * @param lost  submitted but never started
     * @param twice started more than once
     */
    record Tally(long lost, long twice) {
        boolean clean() {
            return lost == 0 && twice == 0;
        }
    }
}
