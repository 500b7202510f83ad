package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.JobSerializer;
import io.jobqueue.cli.testjobs.FailingJob;
import io.jobqueue.cli.testjobs.RecordingJob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** job:list, job:work, job:failed, job:retry and job:execute, run as a user runs them. */
class JobCommandsTest {

    private static final JobSerializer SERIALIZER = JobSerializer.defaultSerializer();

    @TempDir
    Path cwd;

    @BeforeEach
    void settings() throws IOException {
        SharedMemoryQueueFactory.clear();
        RecordingJob.RAN.clear();
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  email: {className: shared-memory, maximumNumberOfReleases: 1, releaseOptions: {delay: 0}}
                  reports: {className: shared-memory}
                """);
    }

    private void submit(String queue, io.jobqueue.Job job) {
        Cli.Result result = Cli.run(cwd, "queue:submit", queue, SERIALIZER.serialize(job));
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void jobList_showsTheNextLabels_thenOmittedAndTotal() {
        submit("email", new RecordingJob("a"));
        submit("email", new RecordingJob("b"));
        submit("email", new RecordingJob("c"));

        assertThat(Cli.run(cwd, "job:list", "email").out()).isEqualTo("record a\n(2 omitted) ...\n(3 total)\n");
        assertThat(Cli.run(cwd, "job:list", "email", "--limit", "5").out()).isEqualTo("record a\nrecord b\nrecord c\n(3 total)\n");
        assertThat(Cli.run(cwd, "job:list", "reports").out()).isEqualTo("(0 total)\n");
    }

    @Test
    void jobList_showsAnUnreadablePayloadWithTheReason_andJson() {
        Cli.run(cwd, "queue:submit", "email", "not a job");

        assertThat(Cli.run(cwd, "job:list", "email").out()).startsWith("(message 1: payload is not JSON");
        assertThat(Cli.run(cwd, "job:list", "email", "--json").out()).contains("\"id\" : \"1\"", "\"total\" : 1");
    }

    @Test
    void jobWork_verbose_printsTheOriginalsLines_andStopsAtTheLimit() {
        submit("reports", new RecordingJob("a"));
        submit("reports", new RecordingJob("b"));
        submit("reports", new RecordingJob("c"));

        Cli.Result result = Cli.run(cwd, "job:work", "reports", "--limit", "2", "--verbose");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                Watching queue "reports"...
                Successfully executed job "1" ({"type":"io.jobqueue.cli.testjobs.RecordingJob","j...)
                Successfully executed job "2" ({"type":"io.jobqueue.cli.testjobs.RecordingJob","j...)
                Quitting after 2 executed jobs due to --limit flag
                """);
        assertThat(RecordingJob.RAN).containsExactly("a", "b");
        assertThat(SharedMemoryQueueFactory.queue("reports").countReady()).isEqualTo(1);
    }

    @Test
    void jobWork_withoutVerbose_printsNothingForSuccesses() {
        submit("reports", new RecordingJob("a"));

        Cli.Result result = Cli.run(cwd, "job:work", "reports", "--limit", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(RecordingJob.RAN).containsExactly("a");
    }

    @Test
    void jobWork_onSeveralQueues_givenAsArgumentsOrCommaSeparated() {
        submit("email", new RecordingJob("mail"));
        submit("reports", new RecordingJob("report"));

        Cli.Result result = Cli.run(cwd, "job:work", "email,reports", "--limit", "2", "--concurrency", "2", "-v");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Watching queues \"email\", \"reports\"...\n")
                .endsWith("Quitting after 2 executed jobs due to --limit flag\n");
        assertThat(RecordingJob.RAN).containsExactlyInAnyOrder("mail", "report");
    }

    @Test
    void jobWork_failingJob_isReleasedThenAborted_withTheOriginalsFailureLinesAndReasons() {
        submit("email", new FailingJob("smtp is down"));

        Cli.Result result = Cli.run(cwd, "job:work", "email", "--limit", "2", "--verbose");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                Watching queue "email"...
                Job execution for job (message: "1", queue: "email") failed (1/2 trials) - RELEASE
                Reason: smtp is down
                Job execution for job (message: "1", queue: "email") failed (2/2 trials) - ABORTING
                Reason: smtp is down
                Quitting after 2 executed jobs due to --limit flag
                """);
        assertThat(SharedMemoryQueueFactory.queue("email").countFailed()).isEqualTo(1);
    }

    @Test
    void jobWork_verbose_saysWhenAReleasedJobIsTriedAgain() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  email: {className: shared-memory, maximumNumberOfReleases: 1, releaseOptions: {delay: 0.2}}
                """);
        submit("email", new FailingJob("smtp is down"));

        Cli.Result result = Cli.run(cwd, "job:work", "email", "--limit", "2", "--verbose");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                Watching queue "email"...
                Job execution for job (message: "1", queue: "email") failed (1/2 trials) - RELEASE
                Reason: smtp is down
                Next try in 200 ms
                Job execution for job (message: "1", queue: "email") failed (2/2 trials) - ABORTING
                Reason: smtp is down
                Quitting after 2 executed jobs due to --limit flag
                """);
    }

    @Test
    void jobWork_exitAfter_stopsOnAnEmptyQueue() {
        Cli.Result result = Cli.run(cwd, "job:work", "reports", "--exit-after", "0.3", "--verbose");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Watching queue \"reports\" for 0.3 seconds...\n"
                + "Quitting after 0 seconds due to --exit-after flag\n");
    }

    @Test
    void jobWork_prefetchZero_runsEveryJob_andANegativePrefetchIsAUsageError() {
        submit("reports", new RecordingJob("p1"));
        submit("reports", new RecordingJob("p2"));

        Cli.Result result = Cli.run(cwd, "job:work", "reports", "--limit", "2", "--prefetch", "0");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(RecordingJob.RAN).contains("p1", "p2");
        Cli.Result negative = Cli.run(cwd, "job:work", "reports", "--prefetch", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).isEqualTo("Error: --prefetch must not be negative, was -1 (see 'jobqueue job:work --help')\n");
    }

    @Test
    void jobWork_refusesSecondsThatAreNoNumberOrTooLarge_inOneLine() {
        for (String value : new String[] {"NaN", "Infinity", "1e300", "-0.5"}) {
            Cli.Result result = Cli.run(cwd, "job:work", "reports", "--exit-after", value);

            assertThat(result.exitCode()).as("--exit-after %s: %s", value, result).isEqualTo(2);
            assertThat(result.err()).as("--exit-after %s", value)
                    .startsWith("Error: --exit-after must be a number of seconds from 0 to 1000000000, was ")
                    .endsWith(" (see 'jobqueue job:work --help')\n");
        }
    }

    @Test
    void queueSubmit_ofAnAtSign_submitsTheText_notAFilesContents() throws IOException {
        Files.writeString(cwd.resolve("secret.txt"), "contents of a file");

        Cli.Result result = Cli.run(cwd, "queue:submit", "reports", "@secret.txt");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(SharedMemoryQueueFactory.queue("reports").peek(1)).singleElement()
                .satisfies(m -> assertThat(m.payload()).isEqualTo("@secret.txt"));
    }

    @Test
    void jobWork_onTheFakeBackend_isRefusedSayingWhy() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues: {inline: {className: fake}}\n");

        Cli.Result result = Cli.run(cwd, "job:work", "inline", "--limit", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("queue 'inline' uses backend fake, which cannot reserve");
    }

    @Test
    void jobWork_badNumbers_areUsageErrors() {
        Cli.Result result = Cli.run(cwd, "job:work", "reports", "--concurrency", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("Error: --concurrency must be at least 1, was 0 (see 'jobqueue job:work --help')\n");
    }

    @Test
    void jobFailed_listsFailedMessagesWithTheirReason_andJobRetryBringsThemBack() {
        submit("email", new FailingJob("smtp is down"));
        submit("email", new FailingJob("bad address"));
        assertThat(Cli.run(cwd, "job:work", "email", "--limit", "4").exitCode()).isZero();

        Cli.Result failed = Cli.run(cwd, "job:failed", "email");
        assertThat(failed.exitCode()).isZero();
        assertThat(failed.out().lines().toList()).hasSize(4);
        assertThat(failed.out()).startsWith("ID  JOB         RELEASES  FAILED AT")
                .contains("1   FailingJob         1  ", "IllegalStateException: smtp is down")
                .contains("2   FailingJob         1  ", "IllegalStateException: bad address")
                .endsWith("(2 total)\n");
        assertThat(Cli.run(cwd, "job:failed", "email", "--json").out()).contains("\"reason\" : \"IllegalStateException: bad address\"");

        Cli.Result retried = Cli.run(cwd, "job:retry", "email", "1");
        assertThat(retried.exitCode()).isZero();
        assertThat(retried.out()).isEqualTo("Retried 1 failed message of queue \"email\".\n");
        assertThat(SharedMemoryQueueFactory.queue("email").countReady()).isEqualTo(1);
        assertThat(SharedMemoryQueueFactory.queue("email").peek(1).get(0).numberOfReleases()).isZero();

        Cli.Result unknown = Cli.run(cwd, "job:retry", "email", "1", "2");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.out()).isEqualTo("Retried 1 failed message of queue \"email\".\n");
        assertThat(unknown.err()).isEqualTo("Error: no failed message with ID \"1\" in queue \"email\" (see 'jobqueue job:failed email')\n");

        assertThat(Cli.run(cwd, "job:failed", "email").out()).isEqualTo("No failed messages in queue \"email\".\n");
    }

    @Test
    void jobRetry_all_retriesEveryFailedMessage_andNeedsIdsOrAll() {
        submit("email", new FailingJob("x"));
        submit("email", new FailingJob("y"));
        Cli.run(cwd, "job:work", "email", "--limit", "4");

        Cli.Result none = Cli.run(cwd, "job:retry", "email");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("Error: give the ids of failed messages, or --all");

        Cli.Result all = Cli.run(cwd, "job:retry", "email", "--all");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).isEqualTo("Retried 2 failed messages of queue \"email\".\n");
        assertThat(SharedMemoryQueueFactory.queue("email").countReady()).isEqualTo(2);
    }

    @Test
    void jobExecute_runsTheJobOfTheRequestOnStdin_andAnswersWithTheExitCode() {
        assertThat(execute(SERIALIZER.serialize(new RecordingJob("child")))).isZero();
        assertThat(RecordingJob.RAN).containsExactly("child");

        assertThat(execute(SERIALIZER.serialize(new FailingJob("no")))).isEqualTo(1);
        assertThat(execute("{\"type\": \"java.lang.Runtime\"}")).isEqualTo(3);
    }

    private int execute(String payload) {
        String request = io.jobqueue.cli.Json.write(java.util.Map.of(
                "queue", "email",
                "settings", java.util.Map.of("className", "memory"),
                "message", java.util.Map.of("id", "7", "payload", payload, "numberOfReleases", 0)));
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)));
        try {
            return Cli.run(cwd, "job:execute").exitCode();
        } finally {
            System.setIn(stdin);
        }
    }
}
