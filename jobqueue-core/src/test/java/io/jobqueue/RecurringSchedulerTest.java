package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.internal.RecurringScheduler;
import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.testjobs.RecordingJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler of recurring jobs on the in-memory backend, with a clock the test moves: a tick is
 * stored once however many schedulers submit it, missed ticks are run once or skipped, and entries
 * that cannot work stop the start with one line.
 */
class RecurringSchedulerTest {

    private final String queue = "recurring-" + UUID.randomUUID();
    private final ManualClock clock = new ManualClock("2026-12-01T10:00:20Z");
    private final List<RecurringScheduler> schedulers = new ArrayList<>();
    private QueueManager queues;
    private JobManager jobs;

    private JobManager jobs(JobQueueSettings.Builder settings) {
        queues = new QueueManager(settings.queue(queue, "memory").build());
        jobs = new JobManager(queues);
        return jobs;
    }

    private RecurringScheduler scheduler(RecurringJob... code) {
        RecurringScheduler scheduler = new RecurringScheduler(jobs, List.of(queue), List.of(code), clock, Duration.ZERO);
        schedulers.add(scheduler);
        return scheduler;
    }

    private RecurringJob hourly(String name, RecurringJob.Missed missed) {
        return RecurringJob.builder(name).cron("0 * * * *").queue(queue).missed(missed).job(new RecordingJob(queue, name)).build();
    }

    @AfterEach
    void tearDown() {
        schedulers.forEach(RecurringScheduler::close);
        if (queues != null) {
            queues.close();
        }
    }

    private List<Message> messages() {
        return queues.getQueue(queue).peek(100);
    }

    @Test
    void aTick_submittedBySeveralSchedulers_isStoredOnce_withHeadersNamingTheEntryAndTheTick() {
        jobs(JobQueueSettings.builder());
        RecurringJob report = hourly("report", RecurringJob.Missed.RUN_ONCE);
        List<RecurringScheduler> workers = List.of(scheduler(report), scheduler(report), scheduler(report));

        int stored = workers.stream().mapToInt(RecurringScheduler::check).sum();

        assertThat(stored).isEqualTo(1);
        assertThat(messages()).hasSize(1);
        Message message = messages().get(0);
        Instant tick = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(message.headers()).containsEntry(RecurringJob.HEADER_NAME, "report")
                .containsEntry(RecurringJob.HEADER_TICK, tick.toString())
                .containsEntry(io.jobqueue.spi.Headers.UNIQUE_KEY, "recurring:report:" + tick.getEpochSecond());
        assertThat(queues.getQueue(queue).findUnique(report.uniqueKey(tick))).contains(message.id());
    }

    @Test
    void runOnce_afterDaysWithoutAWorker_submitsOnlyTheLatestTick() {
        jobs(JobQueueSettings.builder());
        RecurringScheduler scheduler = scheduler(hourly("catch-up", RecurringJob.Missed.RUN_ONCE));
        assertThat(scheduler.check()).isEqualTo(1);
        scheduler.close();

        clock.advance(Duration.ofDays(3).plusMinutes(42));
        RecurringScheduler back = scheduler(hourly("catch-up", RecurringJob.Missed.RUN_ONCE));

        assertThat(back.check()).isEqualTo(1);
        assertThat(back.check()).isZero();
        assertThat(messages()).extracting(m -> m.headers().get(RecurringJob.HEADER_TICK))
                .containsExactly("2026-12-01T10:00:00Z", "2026-12-04T10:00:00Z");
    }

    @Test
    void aRestartedScheduler_findsItsTickStoredAlready() {
        jobs(JobQueueSettings.builder());
        scheduler(hourly("restart", RecurringJob.Missed.RUN_ONCE)).check();
        clock.advance(Duration.ofMinutes(30));

        assertThat(scheduler(hourly("restart", RecurringJob.Missed.RUN_ONCE)).check()).isZero();
        assertThat(messages()).hasSize(1);
    }

    @Test
    void skip_aTickLaterThanTheGrace_isNotSubmitted_theNextTickIs() {
        jobs(JobQueueSettings.builder());
        clock.set(Instant.parse("2026-12-01T10:05:00Z"));
        RecurringScheduler scheduler = scheduler(hourly("skipper", RecurringJob.Missed.SKIP));

        assertThat(scheduler.check()).isZero();
        clock.set(Instant.parse("2026-12-01T11:00:00Z").plus(RecurringJob.SKIP_GRACE).minusSeconds(1));
        assertThat(scheduler.check()).isEqualTo(1);
        assertThat(messages()).extracting(m -> m.headers().get(RecurringJob.HEADER_TICK)).containsExactly("2026-12-01T11:00:00Z");
    }

    @Test
    void replace_takesTheNewEntriesAtOnce_andRefusesAQueueTheWorkerDoesNotWatch() {
        jobs(JobQueueSettings.builder());
        RecurringScheduler scheduler = scheduler(hourly("old", RecurringJob.Missed.RUN_ONCE));

        scheduler.replace(List.of(hourly("new", RecurringJob.Missed.RUN_ONCE)));

        assertThat(scheduler.entries()).extracting(RecurringJob::name).containsExactly("new");
        assertThat(scheduler.check()).isEqualTo(1);
        assertThat(messages().get(0).headers()).containsEntry(RecurringJob.HEADER_NAME, "new");
        RecurringJob elsewhere = RecurringJob.builder("elsewhere").cron("* * * * *").queue("mail").job(new RecordingJob("x", "y")).build();
        assertThatThrownBy(() -> scheduler.replace(List.of(elsewhere)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("recurring job 'elsewhere' goes to queue 'mail', which this worker does not watch");
        assertThat(scheduler.entries()).extracting(RecurringJob::name).containsExactly("new");
    }

    @Test
    void entriesOfTheSettings_areThoseOfTheWatchedQueues() {
        jobs(JobQueueSettings.builder()
                .queue("other-" + queue, "memory")
                .recurring(hourly("mine", RecurringJob.Missed.RUN_ONCE))
                .recurring(RecurringJob.builder("theirs").cron("* * * * *").queue("other-" + queue).job(new RecordingJob("x", "y")).build()));

        assertThat(scheduler().entries()).extracting(RecurringJob::name).containsExactly("mine");
    }

    @Test
    void aQueueWithoutUniqueKeys_isRefused_namingTheEntryTheQueueAndTheBackend() {
        queues = new QueueManager(JobQueueSettings.builder().queue(queue, "memory").build(), getClass().getClassLoader(),
                (context, factory) -> Optional.of(new WithoutUniqueKeys(new InMemoryBackend(Duration.ofSeconds(60), System::nanoTime,
                        Clock.systemUTC()))));
        jobs = new JobManager(queues);

        assertThatThrownBy(() -> scheduler(hourly("report", RecurringJob.Missed.RUN_ONCE)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("recurring job 'report' needs unique keys on queue '" + queue + "' to store each tick once, which the"
                        + " no-unique backend does not have; give it a queue on memory, jdbc or redis");
    }

    @Test
    void aJobClassThatIsNotThere_orAMethodThatIsNotRecurring_isRefusedAtStart() {
        jobs(JobQueueSettings.builder());
        RecurringJob missing = RecurringJob.builder("missing").cron("* * * * *").queue(queue).job("com.example.Gone", "{}").build();
        RecurringJob notRecurring = RecurringJob.builder("method").cron("* * * * *").queue(queue)
                .job(RecurringMethodJob.class.getName(), "{\"targetType\":\"" + io.jobqueue.testjobs.ReportRecorder.class.getName()
                        + "\",\"method\":\"notAnnotated\"}").build();

        assertThatThrownBy(() -> scheduler(missing))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("recurring job 'missing': job com.example.Gone cannot be made: ");
        assertThatThrownBy(() -> scheduler(notRecurring))
                .hasMessageContaining("recurring job 'method'").hasMessageContaining("is not annotated @Recurring");
    }

    @Test
    void anEntryOfTheSettingsForAQueueThatIsNotConfigured_isRefused_withASuggestion() {
        jobs(JobQueueSettings.builder().queue("reports", "memory")
                .recurring(RecurringJob.builder("typo").cron("* * * * *").queue("reprots").job(new RecordingJob("x", "y")).build()));

        assertThatThrownBy(this::scheduler)
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("recurring job 'typo' goes to queue 'reprots', which is not configured, did you mean 'reports'?");
    }

    @Test
    void aRecurringMethodOfTheSettings_isSubmittedAndRunByAWorker() {
        JobQueueSettings settings = JobQueueSettings.fromYaml("""
                queues:
                  %s: {className: memory}
                recurring:
                  from-yaml: {cron: "@hourly", queue: %s, method: "%s#fromSettings"}
                """.formatted(queue, queue, io.jobqueue.testjobs.ReportRecorder.class.getName()), "app.yaml");
        queues = new QueueManager(settings);
        jobs = new JobManager(queues);

        assertThat(scheduler().check()).isEqualTo(1);
        assertThat(jobs.waitAndExecute(queue, Duration.ZERO)).isPresent();

        assertThat(io.jobqueue.testjobs.Recorder.runs("recurring-annotated")).contains("from settings");
    }

    @Test
    void aNameInTheSettingsAndInCode_isRefused() {
        jobs(JobQueueSettings.builder().recurring(hourly("twice", RecurringJob.Missed.RUN_ONCE)));

        assertThatThrownBy(() -> scheduler(hourly("twice", RecurringJob.Missed.SKIP)))
                .hasMessage("recurring job 'twice' is declared in the settings and in code; give it one place or another name");
    }

    /** An in-memory backend that declares no unique keys, as beanstalkd does. */
    private static final class WithoutUniqueKeys extends ForwardingBackend {
        WithoutUniqueKeys(InMemoryBackend delegate) {
            super(delegate);
        }

        @Override
        public QueueCapabilities capabilities() {
            return QueueCapabilities.all("no-unique").without(Capability.UNIQUE, Capability.PUSH_WAKE_UP, Capability.CROSS_PROCESS);
        }
    }
}
