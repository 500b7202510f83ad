package io.jobqueue.cli.chaos;

import io.jobqueue.QueueCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a chaos run did and found.
 *
 * @param backend       the queue's backend
 * @param where         where the queue lived
 * @param plan          what the run was to do
 * @param figures       what the records show
 * @param kills         the workers killed
 * @param restarts      the server restarts
 * @param workersStarted worker processes started, replacements included
 * @param elapsed       from the first submit to the end of the last job
 * @param submitTime    how long the submits took
 * @param timedOut      true when the run hit its timeout
 * @param countsAtEnd   the queue's counts at the end, null when they could not be read
 * @param folder        the run's folder (records, logs, the private server's data)
 */
public record ChaosReport(String backend, String where, ChaosPlan plan, ChaosFigures figures, List<Kill> kills,
        List<Restart> restarts, int workersStarted, Duration elapsed, Duration submitTime,
        boolean timedOut, QueueCounts countsAtEnd, Path folder) {

    public ChaosReport {
        kills = List.copyOf(kills);
        restarts = List.copyOf(restarts);
    }

    /** True when every check passed and the run ended in time. */
    public boolean passed() {
        return figures.passed() && !timedOut;
    }

    /** The checks that failed, as one line each ("3 jobs lost (never ran to their end): 17, 42, 99"). */
    public List<String> failures() {
        List<String> failures = new java.util.ArrayList<>();
        if (timedOut) {
            failures.add("timed out after " + plan.timeout().toSeconds() + " s with " + (figures.submitted() - figures.finished())
                    + " of " + figures.submitted() + " jobs not finished" + (countsAtEnd == null ? ""
                    : " (queue: " + countsAtEnd.ready() + " ready, " + countsAtEnd.delayed() + " delayed, " + countsAtEnd.reserved()
                    + " reserved, " + countsAtEnd.failed() + " failed)"));
        }
        if (figures.lost() > 0) {
            failures.add(figures.lost() + " job" + (figures.lost() == 1 ? "" : "s") + " lost (never ran to their end): "
                    + figures.lostJobs().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                    + (figures.lost() > figures.lostJobs().size() ? ", …" : ""));
        }
        if (figures.unexplained() > 0) {
            failures.add(figures.unexplained() + " duplicate run" + (figures.unexplained() == 1 ? "" : "s")
                    + " explained by neither a kill nor a restart: " + String.join("; ", figures.unexplainedSamples()));
        }
        if (figures.unexplainedOverlaps() > 0) {
            failures.add(figures.unexplainedOverlaps() + " time" + (figures.unexplainedOverlaps() == 1 ? "" : "s")
                    + " two workers held one message at once, away from any restart");
        }
        return failures;
    }
}
