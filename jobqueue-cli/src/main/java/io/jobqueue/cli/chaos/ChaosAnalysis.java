package io.jobqueue.cli.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arithmetic of a chaos run's report, from the runs the workers recorded, the kills and the
 * server restarts: lost jobs, duplicates and what explains each, the most holders of one message at
 * once, and how long a killed worker's jobs waited for their next run. Pure: no I/O, no clock.
 *
 * <p>A duplicate (a run of a job after its first) is explained by what happened to the run before
 * it: a <em>kill</em> when that run's worker was killed after it started and before the backend
 * acknowledged its finish, and the duplicate started after the kill (the message was still reserved
 * by a dead worker, so it came back when the lease ran out, or at once on beanstalkd); a <em>restart</em> when that run, with its finish window,
 * met a server restart's down time. The <em>finish window</em> is how long after a job's end its
 * worker may still be finishing its message: the completer retries a finish until the lease is
 * about to run out, so a lease plus a little slack. A run again after an acknowledged finish is
 * never explained: the backend said the message was gone. Nor is one whose previous run was neither
 * killed nor near a restart (a lease that ran out under a live worker, say).
 */
public final class ChaosAnalysis {

    private static final int SAMPLES = 10;

    private final long finishWindowNanos;

    /** @param finishWindowNanos see the class comment; at least 0 */
    public ChaosAnalysis(long finishWindowNanos) {
        if (finishWindowNanos < 0) {
            throw new IllegalArgumentException("finishWindowNanos must be >= 0, was " + finishWindowNanos);
        }
        this.finishWindowNanos = finishWindowNanos;
    }

    /**
     * Computes the figures.
     *
     * @param submitted the jobs submitted, numbered 1 … submitted
     * @param readAt    when the records were read: the end of a run still open on a live worker
     */
    public ChaosFigures analyze(int submitted, List<Run> runs, List<Kill> kills, List<Restart> restarts, long readAt) {
        Map<Integer, Kill> killOf = new HashMap<>();
        kills.forEach(kill -> killOf.put(kill.worker(), kill));
        Map<Integer, List<Run>> byJob = new HashMap<>();
        for (Run run : runs) {
            byJob.computeIfAbsent(run.job(), job -> new ArrayList<>()).add(run);
        }
        byJob.values().forEach(list -> list.sort(Comparator.comparingLong(Run::start).thenComparingInt(Run::worker)));

        int finished = 0;
        List<Integer> lostJobs = new ArrayList<>();
        int lost = 0;
        for (int job = 1; job <= submitted; job++) {
            List<Run> list = byJob.getOrDefault(job, List.of());
            if (list.stream().anyMatch(Run::ended)) {
                finished++;
            } else {
                lost++;
                if (lostJobs.size() < SAMPLES) {
                    lostJobs.add(job);
                }
            }
        }

        int duplicates = 0;
        int byKill = 0;
        int byRestart = 0;
        int unexplained = 0;
        int afterAcknowledgedFinish = 0;
        List<String> samples = new ArrayList<>();
        int completedTwice = 0;
        int mostHolders = runs.isEmpty() ? 0 : 1;
        int unexplainedOverlaps = 0;
        long firstStart = runs.stream().mapToLong(Run::start).min().orElse(0);
        for (List<Run> list : byJob.values()) {
            if (list.stream().filter(Run::ended).count() > 1) {
                completedTwice++;
            }
            for (int i = 1; i < list.size(); i++) {
                duplicates++;
                Run previous = list.get(i - 1);
                if (previous.acknowledged()) {
                    afterAcknowledgedFinish++;
                    unexplained++;
                    if (samples.size() < SAMPLES) {
                        samples.add(describe(previous, list.get(i), firstStart));
                    }
                } else if (killedBeforeFinish(previous, list.get(i), killOf.get(previous.worker()))) {
                    byKill++;
                } else if (metRestart(previous, killOf, restarts, readAt)) {
                    byRestart++;
                } else {
                    unexplained++;
                    if (samples.size() < SAMPLES) {
                        samples.add(describe(previous, list.get(i), firstStart));
                    }
                }
            }
            mostHolders = Math.max(mostHolders, mostAtOnce(list, killOf, readAt));
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    Run a = list.get(i);
                    Run b = list.get(j);
                    if (b.start() < effectiveEnd(a, killOf, readAt)
                            && !metRestart(a, killOf, restarts, readAt) && !metRestart(b, killOf, restarts, readAt)) {
                        unexplainedOverlaps++;
                    }
                }
            }
        }

        int cut = 0;
        int endedUnfinished = 0;
        List<Long> waits = new ArrayList<>();
        for (Kill kill : kills) {
            for (Run run : runs) {
                if (run.worker() != kill.worker() || run.acknowledged() || run.start() > kill.deadAt()) {
                    continue;
                }
                Run next = byJob.get(run.job()).stream().filter(r -> r.start() > run.start() && r.start() >= kill.at())
                        .findFirst().orElse(null);
                if (!run.ended()) {
                    cut++;
                } else if (next != null) {
                    endedUnfinished++; // its finish never reached the backend: the message was still held
                } else {
                    continue; // finished in the backend before the kill, only not heard of
                }
                if (next != null) {
                    waits.add(next.start() - kill.at());
                }
            }
        }
        waits.sort(null);
        Long median = waits.isEmpty() ? null : median(waits);
        Long max = waits.isEmpty() ? null : waits.get(waits.size() - 1);
        int open = (int) runs.stream().filter(run -> !run.ended() && !killOf.containsKey(run.worker())).count();
        return new ChaosFigures(submitted, finished, lost, lostJobs, runs.size(), duplicates, byKill, byRestart, unexplained,
                afterAcknowledgedFinish, samples, completedTwice, mostHolders, unexplainedOverlaps, cut, endedUnfinished, waits.size(), median,
                max, open);
    }

    /**
     * The run's worker was killed after the run started, before the backend acknowledged its finish,
     * and the next run started after the kill.
     */
    private static boolean killedBeforeFinish(Run run, Run next, Kill kill) {
        return kill != null && kill.deadAt() >= run.start() && !run.acknowledged() && next.start() >= kill.at();
    }

    /** The run, with its finish window, met a server restart's down time. */
    private boolean metRestart(Run run, Map<Integer, Kill> killOf, List<Restart> restarts, long readAt) {
        long to = effectiveEnd(run, killOf, readAt) + finishWindowNanos;
        return restarts.stream().anyMatch(restart -> restart.overlaps(run.start(), to));
    }

    /** A run's end: recorded, else its worker's death, else when the records were read. */
    private static long effectiveEnd(Run run, Map<Integer, Kill> killOf, long readAt) {
        if (run.ended()) {
            return run.end();
        }
        Kill kill = killOf.get(run.worker());
        return kill != null && kill.deadAt() >= run.start() ? kill.deadAt() : Math.max(readAt, run.start());
    }

    /** The most runs of one job going at one instant; an end at the instant of a start does not overlap it. */
    private static int mostAtOnce(List<Run> list, Map<Integer, Kill> killOf, long readAt) {
        if (list.size() < 2) {
            return list.size();
        }
        List<long[]> events = new ArrayList<>();
        for (Run run : list) {
            events.add(new long[] {run.start(), 1});
            events.add(new long[] {effectiveEnd(run, killOf, readAt), -1});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int most = 0;
        for (long[] event : events) {
            now += (int) event[1];
            most = Math.max(most, now);
        }
        return most;
    }

    private static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String describe(Run previous, Run next, long origin) {
        return String.format(Locale.US, "job %d ran on worker %d (%.3f s to %s%s) and again on worker %d (from %.3f s)",
                previous.job(), previous.worker(), (previous.start() - origin) / 1e9,
                previous.ended() ? String.format(Locale.US, "%.3f s", (previous.end() - origin) / 1e9) : "no end",
                previous.acknowledged() ? String.format(Locale.US, ", finish acknowledged at %.3f s", (previous.finished() - origin) / 1e9)
                        : "", next.worker(), (next.start() - origin) / 1e9);
    }
}
