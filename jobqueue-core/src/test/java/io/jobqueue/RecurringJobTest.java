package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.testjobs.RecordingJob;
import io.jobqueue.testjobs.ReportRecorder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value of a recurring job: its checks, its ticks (time zones and DST included) and its unique key. */
class RecurringJobTest {

    private static RecurringJob.Builder entry(String cron) {
        return RecurringJob.builder("report").cron(cron).queue("reports").job(new RecordingJob("recurring-value", "x"));
    }

    @Test
    void build_withAnInvalidCron_namesTheEntryAndTheValue() {
        assertThatThrownBy(() -> entry("61 * * * *").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid cron expression '61 * * * *' for recurring job 'report': ")
                .hasMessageContaining("61");
        assertThatThrownBy(() -> entry("0 0 * * * *").build())
                .hasMessageContaining("'0 0 * * * *'").hasMessageContaining("6 parts").hasMessageContaining("no seconds field");
        assertThatThrownBy(() -> entry("@reboot").build()).hasMessageContaining("unknown macro");
        assertThatThrownBy(() -> entry("0 0 31 2 *").build()).hasMessageContaining("never fires");
        assertThatThrownBy(() -> entry("").build()).hasMessageContaining("it is empty");
    }

    @Test
    void zone_unknown_namesTheEntryAndTheValue() {
        assertThatThrownBy(() -> entry("0 3 * * *").zone("Europe/Berln"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown time zone 'Europe/Berln' for recurring job 'report' (give a region id such as Europe/Berlin, or UTC)");
    }

    @Test
    void build_refusesBadNamesMissingQueueOrJob_andDataThatIsNoJsonObject() {
        assertThatThrownBy(() -> RecurringJob.builder("a b").cron("* * * * *").queue("q").job("X", null).build())
                .hasMessageContaining("was 'a b'");
        assertThatThrownBy(() -> RecurringJob.builder("r").cron("* * * * *").job("X", null).build())
                .hasMessage("recurring job 'r' names no queue");
        assertThatThrownBy(() -> RecurringJob.builder("r").cron("* * * * *").queue("q").build())
                .hasMessageContaining("recurring job 'r' has no job");
        assertThatThrownBy(() -> RecurringJob.builder("r").cron("* * * * *").queue("q").job("X", "[1]").build())
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void macros_areTheirFiveFieldForms() {
        RecurringJob daily = entry("@daily").build();

        assertThat(daily.nextTick(Instant.parse("2026-12-01T10:00:00Z"))).contains(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(daily.cron()).isEqualTo("@daily");
    }

    @Test
    void ticks_areReadInTheEntrysZone() {
        RecurringJob berlin = entry("0 3 * * *").zone("Europe/Berlin").build();

        assertThat(berlin.nextTick(Instant.parse("2026-12-01T10:00:00Z"))).contains(Instant.parse("2026-12-02T02:00:00Z"));
        assertThat(berlin.latestTick(Instant.parse("2026-12-01T10:00:00Z"))).contains(Instant.parse("2026-12-01T02:00:00Z"));
    }

    @Test
    void latestTick_includesATickExactlyNow_andNextTickIsStrictlyAfter() {
        RecurringJob every5 = entry("*/5 * * * *").build();
        Instant tick = Instant.parse("2026-12-01T10:05:00Z");

        assertThat(every5.latestTick(tick)).contains(tick);
        assertThat(every5.latestTick(tick.minusMillis(1))).contains(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(every5.nextTick(tick)).contains(Instant.parse("2026-12-01T10:10:00Z"));
    }

    @Test
    void springForward_skipsATimeThatDoesNotExist_fallBack_runsARepeatedTimeOnce() {
        RecurringJob at0230 = entry("30 2 * * *").zone("Europe/Berlin").build();

        // 2026-03-29: 02:00 to 03:00 does not exist in Berlin; the next 02:30 is on the 30th
        assertThat(at0230.nextTick(Instant.parse("2026-03-28T23:00:00Z"))).contains(Instant.parse("2026-03-30T00:30:00Z"));
        // 2026-10-25: 02:00 to 03:00 happens twice; 02:30 fires at its first occurrence (UTC+2) only
        Instant first = at0230.nextTick(Instant.parse("2026-10-24T23:00:00Z")).orElseThrow();
        assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(at0230.nextTick(first)).contains(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void uniqueKey_isNameAndEpochSeconds_andItsPeriodLastsPastTheNextTick() {
        RecurringJob hourly = entry("0 * * * *").build();
        Instant tick = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(hourly.uniqueKey(tick)).isEqualTo("recurring:report:" + tick.getEpochSecond());
        assertThat(hourly.keyPeriod(tick, tick.plusSeconds(60))).isEqualTo(Duration.ofMinutes(59).plus(RecurringJob.KEY_MARGIN));
        RecurringJob yearly = entry("@yearly").build();
        assertThat(yearly.keyPeriod(Instant.parse("2028-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:01Z")))
                .isEqualTo(UniqueScope.MAX_PERIOD);
    }

    @Test
    void payload_ofAClassAndJson_isASerializedJob() {
        RecurringJob job = RecurringJob.builder("r").cron("* * * * *").queue("q")
                .job(RecordingJob.class.getName(), "{\"key\":\"k\",\"value\":\"v\"}").build();

        Job made = JobSerializer.defaultSerializer().deserialize(job.payload().orElseThrow());

        assertThat(made).isInstanceOf(RecordingJob.class);
        assertThat(made.label()).isEqualTo("record v");
        assertThat(job.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void fromAnnotations_readsTheMethodsThatDeclareASchedule() {
        List<RecurringJob> entries = RecurringJob.fromAnnotations(ReportRecorder.class);

        assertThat(entries).hasSize(1);
        RecurringJob nightly = entries.get(0);
        assertThat(nightly.name()).isEqualTo("reports-nightly");
        assertThat(nightly.cron()).isEqualTo("0 3 * * *");
        assertThat(nightly.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(nightly.queue()).isEqualTo("recurring-annotated");
        assertThat(nightly.missed()).isEqualTo(RecurringJob.Missed.SKIP);
        assertThat(nightly.jobClass()).isEqualTo(RecurringMethodJob.class.getName());
    }

    @Test
    void recurringMethodJob_callsOnlyRecurringMethods() throws Exception {
        RecurringMethodJob.of(ReportRecorder.class, "fromSettings").execute(null, null);

        assertThat(io.jobqueue.testjobs.Recorder.runs("recurring-annotated")).contains("from settings");
        assertThatThrownBy(() -> RecurringMethodJob.of(ReportRecorder.class, "notAnnotated"))
                .hasMessageContaining("is not annotated @Recurring");
        assertThatThrownBy(() -> RecurringMethodJob.of(ReportRecorder.class, "nope"))
                .hasMessageContaining("does not exist");
    }
}
