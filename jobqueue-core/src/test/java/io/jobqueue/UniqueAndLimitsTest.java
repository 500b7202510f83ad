package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.spi.Headers;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.ReserveLimits;
import io.jobqueue.memory.FakeBackend;
import io.jobqueue.memory.InMemoryBackend;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core's side of unique keys and reservation limits: the scopes' text form, the one-line errors
 * for a bad key, scope or limit, the refusal by a backend without the capability, and
 * {@link JobManager#offer} telling a duplicate (which reaches no listener).
 */
class UniqueAndLimitsTest {

    private final String name = "unique-" + UUID.randomUUID();
    private final RecordingJobListener listener = new RecordingJobListener();
    private QueueManager queues;
    private JobManager jobs;

    record ReportJob(String day) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    @BeforeEach
    void configure() {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, QueueSettings.builder().className("memory").build()).build());
        jobs = new JobManager(queues).addListener(listener);
    }

    @AfterEach
    void close() {
        queues.close();
    }

    @Test
    void scopes_haveATextForm_thatReadsBack() {
        assertThat(UniqueScope.parse("queued")).isEqualTo(UniqueScope.QUEUED);
        assertThat(UniqueScope.parse(" active ")).isEqualTo(UniqueScope.ACTIVE);
        UniqueScope hour = UniqueScope.forPeriod(Duration.ofHours(1));
        assertThat(hour).hasToString("period:PT1H");
        assertThat(UniqueScope.parse(hour.toString())).isEqualTo(hour);
        assertThatThrownBy(() -> UniqueScope.parse("forever")).hasMessage(
                "unknown unique scope 'forever'; give queued, active or period:PT1H");
        assertThatThrownBy(() -> UniqueScope.parse("period:1h")).hasMessageContaining("'period:1h'");
        assertThatThrownBy(() -> UniqueScope.forPeriod(Duration.ZERO)).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> UniqueScope.forPeriod(Duration.ofDays(400))).hasMessageContaining("366 days");
    }

    @Test
    void offer_tellsADuplicate_returnsTheHoldersId_andTellsNoListener() {
        SubmitOptions unique = SubmitOptions.DEFAULT.withUniqueKey("report-2026-12-01");

        Submitted first = jobs.offer(name, new ReportJob("2026-12-01"), unique);
        Submitted second = jobs.offer(name, new ReportJob("2026-12-01"), unique);
        String third = jobs.queue(name, new ReportJob("2026-12-01"), unique);

        assertThat(first.duplicate()).isFalse();
        assertThat(second).isEqualTo(Submitted.duplicateOf(first.id()));
        assertThat(third).isEqualTo(first.id());
        assertThat(listener.events).as("listener events").containsExactly("submitted " + first.id() + " priority=1024");
        assertThat(queues.getQueue(name).counts().ready()).isEqualTo(1);
    }

    @Test
    void badKeys_areOneLine_namingTheQueue() {
        Queue queue = queues.getQueue(name);
        assertThatThrownBy(() -> SubmitOptions.DEFAULT.withUniqueKey("")).hasMessage("a unique key must not be empty");
        assertThatThrownBy(() -> SubmitOptions.DEFAULT.withUniqueKey(null)).hasMessage("a unique key must not be null");
        assertThatThrownBy(() -> SubmitOptions.DEFAULT.withConcurrencyKey("")).hasMessage("a concurrency key must not be empty");
        String tooLong = "k".repeat(Headers.MAX_KEY_LENGTH + 1);
        assertThatThrownBy(() -> queue.offer("p", SubmitOptions.DEFAULT.withUniqueKey(tooLong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the unique key of a message of queue '" + name + "' is 201 characters; it must be 1 to 200");
        assertThatThrownBy(() -> queue.offer("p", SubmitOptions.DEFAULT.withUniqueKey("bad\u0000key")))
                .hasMessageContaining("NUL character");
        assertThatThrownBy(() -> queue.offer("p", SubmitOptions.DEFAULT.withHeader(Headers.UNIQUE_SCOPE, "queued")))
                .hasMessage("a message of queue '" + name + "' has a unique scope (queued) but no unique key");
        assertThatThrownBy(() -> queue.offer("p", SubmitOptions.DEFAULT.withUniqueKey("k").withHeader(Headers.UNIQUE_SCOPE, "soon")))
                .hasMessageContaining("header 'jobqueue.unique-scope' of a message of queue '" + name + "'");
        assertThatThrownBy(() -> queue.findUnique(tooLong)).hasMessageContaining("1 to 200 characters");
        assertThat(queue.counts().ready()).as("nothing was stored").isZero();
    }

    @Test
    void aBackendWithoutTheCapabilities_refusesKeysAndLimits_inOneLine() {
        QueueContext plain = QueueContext.of("fake-q", Map.of());
        Queue fake = Queue.of(plain, FakeBackend.create(plain));
        assertThatThrownBy(() -> fake.offer("p", SubmitOptions.DEFAULT.withUniqueKey("k")))
                .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> fake.submit("p", SubmitOptions.DEFAULT.withConcurrencyKey("customer-1")))
                .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("concurrencyLimit");

        QueueContext concurrency = QueueContext.of("fake-q", Map.of("concurrencyLimit", 2));
        QueueContext rate = QueueContext.of("fake-q", Map.of("rateLimit", "10/1s"));
        assertThatThrownBy(() -> Queue.of(concurrency, FakeBackend.create(concurrency)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("option 'concurrencyLimit' of queue 'fake-q' (2 per key) needs a backend that enforces it");
        assertThatThrownBy(() -> Queue.of(rate, FakeBackend.create(rate)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("option 'rateLimit' of queue 'fake-q' (10/1s) needs a backend that enforces it");
    }

    @Test
    void limits_areRead_inBothForms() {
        assertThat(ReserveLimits.parse("q", Map.of())).isEqualTo(ReserveLimits.NONE);
        assertThat(ReserveLimits.parse("q", Map.of("concurrencyLimit", 3, "rateLimit", "100/1s")))
                .isEqualTo(new ReserveLimits(3, 100, Duration.ofSeconds(1)));
        assertThat(ReserveLimits.parse("q", Map.of("rateLimit", Map.of("count", 5, "per", "1m"))))
                .isEqualTo(new ReserveLimits(0, 5, Duration.ofMinutes(1)));
        assertThat(ReserveLimits.parse("q", Map.of("rateLimit", "off")).limitsRate()).isFalse();
        assertThat(new ReserveLimits(0, 100, Duration.ofSeconds(1)).describeRate()).isEqualTo("100/1s");
    }

    @Test
    void badLimits_stopStartUp_naming_theQueue_theOption_andTheValue() {
        assertThatThrownBy(() -> ReserveLimits.parse("mail", Map.of("concurrencyLimit", 0)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("option 'concurrencyLimit' of queue 'mail' must be from 1 to 1000000, was 0 (leave the option out for no limit)");
        assertThatThrownBy(() -> ReserveLimits.parse("mail", Map.of("concurrencyLimit", -1)))
                .hasMessage("option 'concurrencyLimit' of queue 'mail' must be from 1 to 1000000, was -1");
        assertThatThrownBy(() -> ReserveLimits.parse("mail", Map.of("concurrencyLimit", 2.5)))
                .hasMessage("option 'concurrencyLimit' of queue 'mail' must be a whole number from 1 to 1000000, was '2.5'");
        assertThatThrownBy(() -> ReserveLimits.parse("mail", Map.of("rateLimit", "0/1s")))
                .hasMessageStartingWith("option 'rateLimit count' of queue 'mail' must be from 1 to 1000000, was 0");
        assertThatThrownBy(() -> ReserveLimits.parse("mail", Map.of("rateLimit", "10 per second")))
                .hasMessage("option 'rateLimit' of queue 'mail' must be a count per interval like 100/1s or {count: 100, per: 1s},"
                        + " was '10 per second'");
        assertThatThrownBy(() -> ReserveLimits.parse("mail", Map.of("rateLimit", "10/NaNs")))
                .hasMessageContaining("option 'rateLimit interval' of queue 'mail' must be a duration");
        assertThatThrownBy(() -> ReserveLimits.parse("mail", Map.of("rateLimit", "10/2d")))
                .hasMessage("the interval of option 'rateLimit' of queue 'mail' must be at most 1d, was '2d'");
        assertThatThrownBy(() -> ReserveLimits.parse("mail", Map.of("rateLimit", Map.of("count", 5, "pre", "1s"))))
                .hasMessageStartingWith("unknown key 'pre' in option 'rateLimit' of queue 'mail', did you mean 'per'?");
        assertThatThrownBy(() -> ReserveLimits.parse("mail", Map.of("rateLimit", Map.of("count", 5))))
                .hasMessageContaining("needs both count and per");
    }

    @Test
    void theMemoryBackend_enforcesBothLimits_fromTheSettings() {
        QueueManager limited = new QueueManager(JobQueueSettings.builder().queue("limited-" + name, QueueSettings.builder()
                .className("memory").options(Map.of("concurrencyLimit", 1, "rateLimit", "2/1h")).build()).build());
        try {
            Queue queue = limited.getQueue("limited-" + name);
            assertThat(queue.backend(InMemoryBackend.class)).isPresent();
            queue.submit("a1", SubmitOptions.DEFAULT.withConcurrencyKey("a"));
            queue.submit("a2", SubmitOptions.DEFAULT.withConcurrencyKey("a"));
            queue.submit("b1", SubmitOptions.DEFAULT.withConcurrencyKey("b"));
            queue.submit("plain");

            assertThat(queue.waitAndReserve(10, Duration.ZERO)).extracting(Message::payload).containsExactly("a1", "b1");
            assertThat(queue.waitAndReserve(10, Duration.ZERO)).as("the rate's 2 an hour are used").isEmpty();
        } finally {
            limited.close();
        }
    }
}
