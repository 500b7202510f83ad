package io.jobqueue.cli.chaos;

import java.util.List;

/**
 * What the records of a chaos run show, computed by {@link ChaosAnalysis}.
 *
 * @param submitted          jobs submitted, numbered 1 … submitted
 * @param finished           jobs with at least one run that reached its end
 * @param lost               jobs submitted but never run to their end
 * @param lostJobs           the first few lost jobs' numbers
 * @param runs               every recorded run, killed ones included
 * @param duplicates         runs beyond the first of their job
 * @param explainedByKill    duplicates whose previous run was on a worker killed after it started and
 *                           before the backend acknowledged its finish
 * @param explainedByRestart duplicates, not explained by a kill, whose previous run (with its finish
 *                           window) met a server restart
 * @param unexplained        the other duplicates
 * @param afterAcknowledgedFinish unexplained duplicates whose previous run's finish the backend had
 *                           acknowledged (a finished message that came back)
 * @param unexplainedSamples a line about each of the first few unexplained duplicates
 * @param completedTwice     jobs that ran to their end more than once
 * @param mostHolders        the most runs of one job that were going at the same instant (a killed
 *                           run ends at its worker's death)
 * @param unexplainedOverlaps pairs of runs of one job that overlapped although neither met a restart
 * @param cutByKills         runs that were going on a worker when it was killed
 * @param endedUnfinishedAtKills runs that had ended on a worker when it was killed but whose finish
 *                           had not reached the backend, so their job ran again
 * @param reRunAfterKill     of the runs of those two kinds, the ones whose job was run again after the kill
 * @param killToRerunMedianNanos median time from a kill to the start of the next run of what the
 *                           killed worker held (runs of both kinds); null when nothing was held
 * @param killToRerunMaxNanos the longest such time; null when nothing was held
 * @param openRuns           runs on workers that were not killed that had no end when the records
 *                           were read
 */
public record ChaosFigures(int submitted, int finished, int lost, List<Integer> lostJobs, int runs, int duplicates,
        int explainedByKill, int explainedByRestart, int unexplained, int afterAcknowledgedFinish, List<String> unexplainedSamples, int completedTwice,
        int mostHolders, int unexplainedOverlaps, int cutByKills, int endedUnfinishedAtKills, int reRunAfterKill, Long killToRerunMedianNanos,
        Long killToRerunMaxNanos, int openRuns) {

    public ChaosFigures {
        lostJobs = List.copyOf(lostJobs);
        unexplainedSamples = List.copyOf(unexplainedSamples);
    }

    /**
     * True when the run kept the queue's promise: nothing lost, no unexplained duplicate, and no
     * two holders of one message at once other than across a server restart.
     */
    public boolean passed() {
        return lost == 0 && unexplained == 0 && unexplainedOverlaps == 0;
    }
}
