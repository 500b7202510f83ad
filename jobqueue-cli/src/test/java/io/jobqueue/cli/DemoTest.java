package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.cli.demo.DemoJob.Behaviour;
import io.jobqueue.cli.demo.DemoPlan;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobqueue demo on the built-in default: the embedded SQLite file under the working folder. */
class DemoTest {

    @TempDir
    Path cwd;

    @Test
    void plan_hasAFewJobsThatFailOnceAndFewerThatAlwaysFail() {
        DemoPlan plan = DemoPlan.of(10_000);

        assertThat(plan.count(Behaviour.FAIL_ONCE)).isEqualTo(100);
        assertThat(plan.count(Behaviour.ALWAYS_FAIL)).isEqualTo(5);
        assertThat(DemoPlan.of(40).count(Behaviour.FAIL_ONCE)).isEqualTo(1);
        assertThat(DemoPlan.of(40).count(Behaviour.ALWAYS_FAIL)).isEqualTo(1);
        assertThat(DemoPlan.of(10).count(Behaviour.SUCCEED)).isEqualTo(10);
    }

    @Test
    void demo_runsTheWholeCycleOnTheEmbeddedDefault_andRunsAgain() {
        for (int run = 0; run < 2; run++) {
            Cli.Result result = Cli.run(cwd, "demo", "--jobs", "40", "--concurrency", "2");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            // 40 jobs: one fails once (1 release), one always fails (3 releases, then failed)
            assertThat(result.out())
                    .startsWith("Demo: 40 jobs on queue \"demo\" (backend jdbc)\n")
                    .containsPattern("\nsubmitted +40\n")
                    .containsPattern("\nexecuted +44  tries, the released ones included\n")
                    .containsPattern("\nsucceeded +39\n")
                    .containsPattern("\nreleased +4  failed, then tried again after 100 ms\n")
                    .containsPattern("\nfailed +1  see: jobqueue job:failed demo\n")
                    .containsPattern("\njobs/s +[0-9,.]+\n")
                    .endsWith("Data: SQLite file " + cwd.resolve("var/jobqueue.db") + "\n");
        }
        Cli.Result failed = Cli.run(cwd, "job:failed", "demo");
        assertThat(failed.out()).contains("demo job #40 (always fail)", "IllegalStateException: demo job #40 always fails (on purpose)");
    }

    @Test
    void submitOnly_leavesTheJobsFor_jobWork() {
        Cli.Result submitted = Cli.run(cwd, "demo", "--jobs", "30", "--submit-only");

        assertThat(submitted.exitCode()).as(submitted.toString()).isZero();
        assertThat(submitted.out()).contains("Submitted 30 jobs in ", "Work them with: jobqueue job:work demo");
        assertThat(Cli.run(cwd, "job:list", "demo").out()).isEqualTo("demo job #1\n(29 omitted) ...\n(30 total)\n");

        // 30 jobs: one fails once, one always fails: 30 + 1 + 3 tries
        Cli.Result worked = Cli.run(cwd, "job:work", "demo", "--limit", "34", "--concurrency", "2");
        assertThat(worked.exitCode()).as(worked.toString()).isZero();

        // the demo's queue is not configured; the built-in default shares its file but was never set up
        Cli.Result list = Cli.run(cwd, "queue:list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).startsWith("QUEUE    BACKEND  READY  DELAYED  RESERVED  FAILED  NAME IN BACKEND  STATUS\n")
                .contains("default  jdbc", "not set up: table 'jobqueue_messages_default' does not exist (run 'jobqueue"
                        + " queue:setup default' to create it)");
        Cli.Result stats = Cli.run(cwd, "queue:stats", "demo");
        assertThat(stats.exitCode()).as(stats.toString()).isZero();
        assertThat(stats.out()).contains("ready            0\n", "reserved         0\n", "failed           1\n");
    }
}
