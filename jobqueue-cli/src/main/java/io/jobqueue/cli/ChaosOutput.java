package io.jobqueue.cli;

import io.jobqueue.cli.chaos.ChaosFigures;
import io.jobqueue.cli.chaos.ChaosPlan;
import io.jobqueue.cli.chaos.ChaosReport;
import io.jobqueue.cli.chaos.Restart;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code jobqueue chaos} prints: the plan, then the report as a table, or the report as JSON. */
final class ChaosOutput {

    private final PrintStream out;

    ChaosOutput(PrintStream out) {
        this.out = out;
    }

    void header(ChaosPlan plan, String where) {
        out.printf(Locale.US, "Chaos: %,d jobs on queue \"%s\" (%s)%n", plan.jobs(), plan.queueName(), where);
        out.printf(Locale.US, "%d worker processes × %d jobs at once, jobs of %s, a %s lease, a kill every %s%s (seed %d)%n",
                plan.workers(), plan.concurrency(), Durations.human(plan.jobTime()), Durations.human(plan.lease()),
                Durations.human(plan.killEvery()), plan.restartEvery() == null ? ""
                        : ", a server restart every " + Durations.human(plan.restartEvery()) + " (down "
                                + Durations.human(plan.downTime()) + ")", plan.seed());
        out.flush();
    }

    void print(ChaosReport report) {
        ChaosFigures f = report.figures();
        out.println();
        Table.keyValue()
                .row("submitted", (long) f.submitted(), "")
                .row("finished", (long) f.finished(), "ran to their end at least once")
                .row("lost", (long) f.lost(), "must be 0")
                .row("runs", (long) f.runs(), "executions started, killed ones included")
                .row("duplicates", (long) f.duplicates(), f.explainedByKill() + " after a kill, " + f.explainedByRestart()
                        + " after a restart, " + f.unexplained() + " unexplained"
                        + (f.afterAcknowledgedFinish() > 0 ? " (" + f.afterAcknowledgedFinish() + " after an acknowledged finish)" : ""))
                .row("completed twice", (long) f.completedTwice(), "jobs whose end was recorded more than once")
                .row("most holders", (long) f.mostHolders(), "of one message at once; must be 1"
                        + (f.mostHolders() > 1 ? " (" + f.unexplainedOverlaps() + " overlaps away from a restart)" : ""))
                .row("kill → re-run", killToRerun(f), f.cutByKills() + " runs cut by kills, " + f.endedUnfinishedAtKills()
                        + " ended but not yet finished in the backend; " + f.reRunAfterKill() + " run again")
                .row("kills", (long) report.kills().size(), report.workersStarted() + " worker processes started in all")
                .row("restarts", (long) report.restarts().size(), downTimes(report.restarts()))
                .row("elapsed", Durations.human(report.elapsed()), "submitting took " + Durations.human(report.submitTime()))
                .print(out);
        if (f.openRuns() > 0) {
            out.println("note: " + f.openRuns() + " runs had no end when the workers were stopped");
        }
        out.println();
        out.println(report.passed() ? "Passed: nothing lost, no message held by two workers at once, every duplicate explained."
                : "FAILED: " + String.join("; ", report.failures()));
        out.flush();
    }

    Map<String, Object> toMap(ChaosReport report) {
        ChaosFigures f = report.figures();
        ChaosPlan plan = report.plan();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", report.passed());
        map.put("backend", report.backend());
        map.put("where", report.where());
        map.put("queue", plan.queueName());
        map.put("jobs", plan.jobs());
        map.put("workers", plan.workers());
        map.put("concurrency", plan.concurrency());
        map.put("jobTimeMillis", plan.jobTime().toMillis());
        map.put("leaseMillis", plan.lease().toMillis());
        map.put("killEveryMillis", plan.killEvery().toMillis());
        map.put("restartEveryMillis", plan.restartEvery() == null ? null : plan.restartEvery().toMillis());
        map.put("seed", plan.seed());
        map.put("submitted", f.submitted());
        map.put("finished", f.finished());
        map.put("lost", f.lost());
        map.put("lostJobs", f.lostJobs());
        map.put("runs", f.runs());
        map.put("duplicates", f.duplicates());
        map.put("explainedByKill", f.explainedByKill());
        map.put("explainedByRestart", f.explainedByRestart());
        map.put("unexplained", f.unexplained());
        map.put("afterAcknowledgedFinish", f.afterAcknowledgedFinish());
        map.put("unexplainedSamples", f.unexplainedSamples());
        map.put("completedTwice", f.completedTwice());
        map.put("mostHolders", f.mostHolders());
        map.put("unexplainedOverlaps", f.unexplainedOverlaps());
        map.put("cutByKills", f.cutByKills());
        map.put("endedUnfinishedAtKills", f.endedUnfinishedAtKills());
        map.put("reRunAfterKill", f.reRunAfterKill());
        map.put("killToRerunMedianMillis", millis(f.killToRerunMedianNanos()));
        map.put("killToRerunMaxMillis", millis(f.killToRerunMaxNanos()));
        map.put("kills", report.kills().size());
        map.put("restarts", report.restarts().size());
        map.put("workersStarted", report.workersStarted());
        map.put("elapsedMillis", report.elapsed().toMillis());
        map.put("timedOut", report.timedOut());
        map.put("failures", report.failures());
        return map;
    }

    private static String killToRerun(ChaosFigures f) {
        if (f.killToRerunMedianNanos() == null) {
            return "–";
        }
        return "median " + Durations.human(Duration.ofNanos(f.killToRerunMedianNanos())) + ", max "
                + Durations.human(Duration.ofNanos(f.killToRerunMaxNanos()));
    }

    private static String downTimes(List<Restart> restarts) {
        if (restarts.isEmpty()) {
            return "";
        }
        long longest = restarts.stream().mapToLong(r -> r.upAt() - r.downAt()).max().orElse(0);
        return "down at most " + Durations.human(Duration.ofNanos(longest)) + " each (kill to answering again)";
    }

    private static Long millis(Long nanos) {
        return nanos == null ? null : Math.round(nanos / 1e6);
    }
}
