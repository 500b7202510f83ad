package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.internal.RecurringScheduler;
import io.jobqueue.testjobs.RecordingJob;
import io.jobqueue.testjobs.ReportRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code recurring:} section of jobqueue.yaml: what it reads, the one-line errors, and reading it again. */
class RecurringSettingsTest {

    @TempDir
    Path dir;

    private static JobQueueSettings yaml(String text) {
        return JobQueueSettings.fromYaml(text, "app.yaml");
    }

    @Test
    void anEntry_isReadWithItsJobClassDataZoneAndPolicy() {
        JobQueueSettings settings = yaml("""
                queues:
                  mail: {className: memory}
                recurring:
                  digest:
                    cron: "*/5 * * * *"
                    zone: Europe/Berlin
                    queue: mail
                    job: %s
                    data: {key: k, value: v}
                    missed: skip
                  nightly: {cron: "@daily", queue: mail, method: "%s#fromSettings"}
                """.formatted(RecordingJob.class.getName(), ReportRecorder.class.getName()));

        RecurringJob digest = settings.recurring().entries().get("digest");
        assertThat(digest.cron()).isEqualTo("*/5 * * * *");
        assertThat(digest.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(digest.queue()).isEqualTo("mail");
        assertThat(digest.missed()).isEqualTo(RecurringJob.Missed.SKIP);
        assertThat(JobSerializer.defaultSerializer().deserialize(digest.payload().orElseThrow()).label()).isEqualTo("record v");
        RecurringJob nightly = settings.recurring().entries().get("nightly");
        assertThat(nightly.zone()).isEqualTo(RecurringJob.DEFAULT_ZONE);
        assertThat(nightly.missed()).isEqualTo(RecurringJob.Missed.RUN_ONCE);
        assertThat(nightly.jobClass()).isEqualTo(RecurringMethodJob.class.getName());
    }

    @Test
    void badInput_stopsTheStartWithOneLineNamingTheSettingAndTheValue() {
        assertThatThrownBy(() -> yaml("recurring:\n  r: {cron: \"61 * * * *\", queue: q, job: X}\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("invalid cron expression '61 * * * *' for recurring job 'r': ")
                .hasMessageEndingWith(" in app.yaml");
        assertThatThrownBy(() -> yaml("recurring:\n  r: {cron: \"* * * * *\", zone: Mars/Olympus, queue: q, job: X}\n"))
                .hasMessageStartingWith("unknown time zone 'Mars/Olympus' for recurring job 'r'");
        assertThatThrownBy(() -> yaml("recurring:\n  r: {crn: \"* * * * *\", queue: q, job: X}\n"))
                .hasMessage("unknown key 'crn' for recurring job 'r' in app.yaml, did you mean 'cron'?");
        assertThatThrownBy(() -> yaml("recurring:\n  r: {cron: \"* * * * *\", queue: q, job: X, missed: later}\n"))
                .hasMessageContaining("option 'missed' must be runOnce or skip, was 'later'").hasMessageContaining("recurring job 'r'");
        assertThatThrownBy(() -> yaml("recurring:\n  r: {cron: \"* * * * *\", queue: q}\n"))
                .hasMessageContaining("needs exactly one of 'job'");
        assertThatThrownBy(() -> yaml("recurring:\n  r: {cron: \"* * * * *\", queue: q, method: nohash}\n"))
                .hasMessageContaining("key 'method' must be Class#method, was 'nohash'");
        assertThatThrownBy(() -> yaml("recurring:\n  r: {queue: q, job: X}\n"))
                .hasMessageStartingWith("key 'cron' is required for recurring job 'r' in app.yaml");
        assertThatThrownBy(() -> yaml("recurrring: {}\n")).hasMessageContaining("did you mean 'recurring'?");
    }

    @Test
    void aChangedFile_isReadAgain_aBadOneIsLoggedAndTheEntriesInForceKept() throws IOException {
        Path file = dir.resolve("jobqueue.yaml");
        String queue = "recurring-reload";
        String before = """
                queues:
                  %s: {className: memory}
                recurring:
                  first: {cron: "0 * * * *", queue: %s, job: %s, data: {key: reload, value: one}}
                """.formatted(queue, queue, RecordingJob.class.getName());
        Files.writeString(file, before);
        try (QueueManager queues = new QueueManager(JobQueueSettings.fromYaml(file));
             RecurringScheduler scheduler = new RecurringScheduler(new JobManager(queues), List.of(queue), List.of(),
                     new ManualClock("2026-12-01T10:00:05Z"), Duration.ofSeconds(5))) {
            assertThat(queues.settings().recurring().file()).isEqualTo(file);
            assertThat(scheduler.reloadIfChanged()).isFalse();

            Files.writeString(file, before.replace("first:", "second:").replace("0 * * * *", "30 * * * *"));
            assertThat(scheduler.reloadIfChanged()).isTrue();
            assertThat(scheduler.entries()).extracting(RecurringJob::name, RecurringJob::cron).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("second", "30 * * * *"));

            Files.writeString(file, before.replace("0 * * * *", "0 25 * * *"));
            assertThat(scheduler.reloadIfChanged()).isFalse();
            assertThat(scheduler.entries()).extracting(RecurringJob::name).containsExactly("second");
        }
    }
}
