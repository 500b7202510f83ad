package io.jobqueue.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of the chaos report, on hand-written runs, kills and restarts (times in plain nanoseconds). */
class ChaosAnalysisTest {

    private static final long WINDOW = 1_000;
    private final ChaosAnalysis analysis = new ChaosAnalysis(WINDOW);

    @Test
    void oneEndedRunPerJob_passes_withNothingLostAndOneHolder() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, 110), new Run(2, 2, 1, 100, 120), new Run(1, 3, 1, 120, 130));

        ChaosFigures f = analysis.analyze(3, runs, List.of(), List.of(), 10_000);

        assertThat(f.finished()).isEqualTo(3);
        assertThat(f.lost()).isZero();
        assertThat(f.duplicates()).isZero();
        assertThat(f.mostHolders()).isEqualTo(1);
        assertThat(f.killToRerunMedianNanos()).isNull();
        assertThat(f.passed()).isTrue();
    }

    @Test
    void aJobThatNeverEnded_isLost_evenWhenItStarted() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, 110), new Run(1, 2, 1, 100, Run.OPEN));
        List<Kill> kills = List.of(new Kill(1, 4242, 150, 160));

        ChaosFigures f = analysis.analyze(3, runs, kills, List.of(), 10_000);

        assertThat(f.lost()).isEqualTo(2);
        assertThat(f.lostJobs()).containsExactly(2, 3);
        assertThat(f.cutByKills()).isEqualTo(1);
        assertThat(f.reRunAfterKill()).isZero();
        assertThat(f.passed()).isFalse();
    }

    @Test
    void aRunCutByAKill_andRunAgain_isADuplicateExplainedByTheKill_withTheTimeFromKillToRerun() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, Run.OPEN), new Run(2, 1, 2, 2_160, 2_170));
        List<Kill> kills = List.of(new Kill(1, 4242, 150, 160));

        ChaosFigures f = analysis.analyze(1, runs, kills, List.of(), 10_000);

        assertThat(f.lost()).isZero();
        assertThat(f.duplicates()).isEqualTo(1);
        assertThat(f.explainedByKill()).isEqualTo(1);
        assertThat(f.unexplained()).isZero();
        assertThat(f.completedTwice()).isZero();
        assertThat(f.mostHolders()).as("the killed run ends at its worker's death").isEqualTo(1);
        assertThat(f.cutByKills()).isEqualTo(1);
        assertThat(f.endedUnfinishedAtKills()).isZero();
        assertThat(f.reRunAfterKill()).isEqualTo(1);
        assertThat(f.killToRerunMedianNanos()).isEqualTo(2_010L);
        assertThat(f.killToRerunMaxNanos()).isEqualTo(2_010L);
        assertThat(f.passed()).isTrue();
    }

    @Test
    void aKillBeforeTheFinishWasAcknowledged_explainsTheDuplicate_butARunAgainAfterAnAcknowledgedFinishIsNeverExplained() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, 110), new Run(2, 1, 2, 3_000, 3_010, 3_020),
                new Run(3, 2, 1, 100, 110, 115), new Run(4, 2, 2, 9_000, 9_010, 9_020));
        List<Kill> kills = List.of(new Kill(1, 11, 1_000, 1_005), new Kill(3, 13, 200, 205));

        ChaosFigures f = analysis.analyze(2, runs, kills, List.of(), 10_000);

        assertThat(f.duplicates()).isEqualTo(2);
        assertThat(f.explainedByKill()).as("job 1: its end was never acknowledged when worker 1 died").isEqualTo(1);
        assertThat(f.unexplained()).as("job 2: finished in the backend, yet it ran again").isEqualTo(1);
        assertThat(f.afterAcknowledgedFinish()).isEqualTo(1);
        assertThat(f.unexplainedSamples()).singleElement().asString()
                .startsWith("job 2 ran on worker 3").contains("finish acknowledged").contains("again on worker 4");
        assertThat(f.completedTwice()).isEqualTo(2);
        assertThat(f.cutByKills()).as("both killed workers had ended their runs").isZero();
        assertThat(f.endedUnfinishedAtKills()).as("job 1: ended, not finished in the backend, run again 2,000 ns after the kill")
                .isEqualTo(1);
        assertThat(f.killToRerunMaxNanos()).isEqualTo(2_000L);
        assertThat(f.passed()).isFalse();
    }

    @Test
    void aKillAfterTheDuplicateStarted_doesNotExplainIt() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, 110), new Run(2, 1, 2, 3_000, 3_010, 3_020));
        List<Kill> kills = List.of(new Kill(1, 11, 5_000, 5_005));

        ChaosFigures f = analysis.analyze(1, runs, kills, List.of(), 10_000);

        assertThat(f.explainedByKill()).isZero();
        assertThat(f.unexplained()).isEqualTo(1);
        assertThat(f.endedUnfinishedAtKills()).isZero();
    }

    @Test
    void aDuplicateAfterARunOnALiveWorkerAwayFromRestarts_isUnexplained() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, 110), new Run(2, 1, 2, 3_000, 3_010, 3_020));

        ChaosFigures f = analysis.analyze(1, runs, List.of(), List.of(), 10_000);

        assertThat(f.unexplained()).isEqualTo(1);
        assertThat(f.afterAcknowledgedFinish()).isZero();
        assertThat(f.passed()).isFalse();
    }

    @Test
    void aRunWhoseFinishWindowMetARestart_explainsTheDuplicate() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, 110), new Run(2, 1, 2, 3_000, 3_010));
        List<Restart> restarts = List.of(new Restart(600, 900));

        ChaosFigures f = analysis.analyze(1, runs, List.of(), restarts, 10_000);

        assertThat(f.explainedByRestart()).isEqualTo(1);
        assertThat(f.unexplained()).isZero();
        assertThat(f.passed()).isTrue();
    }

    @Test
    void aRestartLongAfterTheRun_explainsNothing() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, 110), new Run(2, 1, 2, 3_000, 3_010));
        List<Restart> restarts = List.of(new Restart(2_000, 2_500));

        ChaosFigures f = analysis.analyze(1, runs, List.of(), restarts, 10_000);

        assertThat(f.unexplained()).isEqualTo(1);
        assertThat(f.passed()).isFalse();
    }

    @Test
    void twoRunsOfOneJobAtOnce_countTwoHolders_andFailUnlessARestartExplainsThem() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, 5_000), new Run(2, 1, 2, 3_000, 3_010));

        ChaosFigures apart = analysis.analyze(1, runs, List.of(), List.of(), 10_000);
        ChaosFigures acrossRestart = analysis.analyze(1, runs, List.of(), List.of(new Restart(1_000, 2_000)), 10_000);

        assertThat(apart.mostHolders()).isEqualTo(2);
        assertThat(apart.unexplainedOverlaps()).isEqualTo(1);
        assertThat(apart.passed()).isFalse();
        assertThat(acrossRestart.mostHolders()).isEqualTo(2);
        assertThat(acrossRestart.unexplainedOverlaps()).isZero();
        assertThat(acrossRestart.explainedByRestart()).isEqualTo(1);
        assertThat(acrossRestart.passed()).isTrue();
    }

    @Test
    void runsThatTouch_doNotOverlap() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, Run.OPEN), new Run(2, 1, 2, 160, 170));
        List<Kill> kills = List.of(new Kill(1, 11, 150, 160));

        ChaosFigures f = analysis.analyze(1, runs, kills, List.of(), 10_000);

        assertThat(f.mostHolders()).isEqualTo(1);
        assertThat(f.unexplainedOverlaps()).isZero();
    }

    @Test
    void killToRerun_isTheMedianAndMaxOverEveryRunCutByAKill() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, Run.OPEN), new Run(1, 2, 1, 100, Run.OPEN),
                new Run(2, 1, 2, 1_200, 1_210), new Run(2, 2, 2, 1_400, 1_410),
                new Run(3, 3, 1, 2_000, Run.OPEN), new Run(4, 3, 2, 5_000, 5_010),
                new Run(3, 4, 1, 2_000, Run.OPEN), new Run(4, 4, 2, 3_500, 3_510));
        List<Kill> kills = List.of(new Kill(1, 11, 1_000, 1_001), new Kill(3, 13, 3_000, 3_001));

        ChaosFigures f = analysis.analyze(4, runs, kills, List.of(), 10_000);

        // waits: 200, 400 (first kill), 2,000 and 500 (second): sorted 200, 400, 500, 2,000
        assertThat(f.cutByKills()).isEqualTo(4);
        assertThat(f.reRunAfterKill()).isEqualTo(4);
        assertThat(f.killToRerunMedianNanos()).isEqualTo(450L);
        assertThat(f.killToRerunMaxNanos()).isEqualTo(2_000L);
        assertThat(f.lost()).isZero();
        assertThat(f.passed()).isTrue();
    }

    @Test
    void aRunWithoutEndOnALiveWorker_isOpen_andLastsUntilTheRecordsWereRead() {
        List<Run> runs = List.of(new Run(1, 1, 1, 100, Run.OPEN), new Run(2, 1, 2, 5_000, 5_010));

        ChaosFigures f = analysis.analyze(1, runs, List.of(), List.of(), 10_000);

        assertThat(f.openRuns()).isEqualTo(1);
        assertThat(f.mostHolders()).isEqualTo(2);
        assertThat(f.passed()).isFalse();
    }
}
