package io.jobqueue.beanstalkd.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reserves a batch on one connection and reads each job's stats (the release count comes from
 * the job's reserve counter). Jobs that are ready are taken with pipelined zero-timeout reserves;
 * only when none is ready does it wait with one blocking reserve.
 *
 * <p>The stats would cost a second round trip, since the ids are known only from the reserve
 * answers. But a tube drained in order hands out rising ids, so the stats of the ids that follow
 * the last batch are asked for in the same write as the reserves; what was guessed wrong is
 * asked for afterwards. The guess never changes an answer, only how many round trips it takes.
 */
public final class Fetcher {

    private final AtomicLong nextExpectedId = new AtomicLong();

    /** A fetched batch: jobs (reserved on the connection), their stats, and when the reserve went out and came back. */
    public record Batch(List<RawJob> jobs, List<JobStats> stats, long sentAtNanos, long answeredAtNanos) {
    }

    /** Reserves up to {@code max} jobs, waiting up to {@code wait} (whole seconds; zero polls once) for the first. */
    public Batch fetch(BeanstalkClient client, int max, Duration wait) {
        long guess = nextExpectedId.get();
        Map<Long, JobStats> stats = new HashMap<>();
        long sentAt = System.nanoTime();
        List<RawJob> jobs = client.reserveReady(max, guess, guess > 0 ? max : 0, stats);
        if (jobs.isEmpty() && Timeouts.wholeSecondsUp(wait) > 0) {
            sentAt = System.nanoTime();
            RawJob job = client.reserve(wait);
            jobs = job == null ? List.of() : List.of(job);
        }
        long answeredAt = System.nanoTime();
        long highest = 0;
        List<Long> missing = new ArrayList<>();
        for (RawJob job : jobs) {
            highest = Math.max(highest, job.id());
            if (!stats.containsKey(job.id())) {
                missing.add(job.id());
            }
        }
        nextExpectedId.set(highest == 0 ? 0 : highest + 1); // no guessing while the tube is idle
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
        return new Batch(jobs, ordered, sentAt, answeredAt);
    }
}
