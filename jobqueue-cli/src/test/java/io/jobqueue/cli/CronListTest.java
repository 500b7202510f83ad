package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.RecurringJob;
import io.jobqueue.SubmitOptions;
import io.jobqueue.UniqueScope;
import io.jobqueue.cli.testjobs.RecordingJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cron:list shows each recurring job of the settings with its last run (from its tick's unique key) and its next run. */
class CronListTest {

    @TempDir
    Path cwd;

    private Path file;

    @BeforeEach
    void settings() throws IOException {
        SharedMemoryQueueFactory.clear();
        file = cwd.resolve("jobqueue.yaml");
        Files.writeString(file, """
                queues:
                  reports: {className: shared-memory}
                  inline: {className: fake}
                recurring:
                  nightly: {cron: "0 3 * * *", zone: Europe/Berlin, queue: reports, job: %s, data: {name: n}}
                  new-year: {cron: "@yearly", queue: inline, job: %s, missed: skip}
                """.formatted(RecordingJob.class.getName(), RecordingJob.class.getName()));
    }

    private RecurringJob entry(String name) {
        return JobQueueSettings.fromYaml(file).recurring().entries().get(name);
    }

    private static String local(RecurringJob entry, Instant tick) {
        return tick.atZone(entry.zone()).toOffsetDateTime().toString();
    }

    @Test
    void eachEntry_isARow_withTheLastRunItsKeyHolds_orUnknown_andTheNextRun() {
        RecurringJob nightly = entry("nightly");
        Instant now = Instant.now();
        Instant tick = nightly.latestTick(now).orElseThrow();
        Queue reports = SharedMemoryQueueFactory.queue("reports");
        reports.submit("{}", SubmitOptions.DEFAULT.withUniqueKey(nightly.uniqueKey(tick), UniqueScope.forPeriod(Duration.ofDays(2))));
        RecurringJob newYear = entry("new-year");

        Cli.Result result = Cli.run(cwd, "cron:list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines().toList()).hasSize(3);
        assertThat(result.out().lines().toList().get(0).split("\\s{2,}"))
                .containsExactly("NAME", "CRON", "ZONE", "QUEUE", "MISSED", "LAST RUN", "NEXT RUN");
        assertThat(result.out().lines().toList().get(1).split("\\s{2,}")).containsExactly("nightly", "0 3 * * *", "Europe/Berlin",
                "reports", "runOnce", local(nightly, tick), local(nightly, nightly.nextTick(now).orElseThrow()));
        assertThat(result.out().lines().toList().get(2).split("\\s{2,}")).containsExactly("new-year", "@yearly", "UTC", "inline",
                "skip", "unknown", local(newYear, newYear.nextTick(now).orElseThrow()));
    }

    @Test
    void json_givesTheTicksAsInstants_andTheMessageOfTheLastRun() {
        RecurringJob nightly = entry("nightly");
        Instant tick = nightly.latestTick(Instant.now()).orElseThrow();
        String id = SharedMemoryQueueFactory.queue("reports").submit("{}",
                SubmitOptions.DEFAULT.withUniqueKey(nightly.uniqueKey(tick), UniqueScope.forPeriod(Duration.ofDays(2))));

        Cli.Result result = Cli.run(cwd, "cron:list", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"name\" : \"nightly\"", "\"lastRun\" : \"" + tick + "\"",
                "\"lastRunMessage\" : \"" + id + "\"", "\"job\" : \"" + RecordingJob.class.getName() + "\"",
                "\"name\" : \"new-year\"", "\"lastRun\" : null", "\"nextRun\" : \""
                        + Instant.now().atZone(java.time.ZoneOffset.UTC).plusYears(1).withDayOfYear(1).truncatedTo(ChronoUnit.DAYS)
                        .toInstant() + "\"");
    }

    @Test
    void help_describesTheCommand() {
        Cli.Result result = Cli.run(cwd, "cron:list", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: jobqueue cron:list").contains("--json", "--config");
    }

    @Test
    void noEntries_isOneLine() throws IOException {
        Files.writeString(file, "queues:\n  reports: {className: shared-memory}\n");

        Cli.Result result = Cli.run(cwd, "cron:list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("No recurring jobs in " + file + ".\n");
    }

    @Test
    void aBadCronInTheSettings_isOneLineNamingTheEntryAndTheValue() throws IOException {
        Files.writeString(file, "queues:\n  reports: {className: shared-memory}\nrecurring:\n"
                + "  broken: {cron: \"0 3 * * 8\", queue: reports, job: x.Y}\n");

        Cli.Result result = Cli.run(cwd, "cron:list");

        assertThat(result.exitCode()).isEqualTo(JobQueueCli.EXIT_ERROR);
        assertThat(result.err()).startsWith("Error: invalid cron expression '0 3 * * 8' for recurring job 'broken': ")
                .endsWith(" in " + file + "\n");
        assertThat(result.err().lines()).hasSize(1);
    }
}
