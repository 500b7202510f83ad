package io.jobqueue.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Capability;
import io.jobqueue.DelayedMessage;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.QueueContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-memory backend's due times and oldest-ready age, exact on a manual ticker and a fixed wall clock. */
class InMemoryDelayedAndAgeTest {

    private static final Instant WALL = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    private final Queue queue = Queue.of(QueueContext.of("memory-delayed", Map.of()),
            new InMemoryBackend(Duration.ofMinutes(1), ticker::get, Clock.fixed(WALL, ZoneOffset.UTC)));

    @Test
    void listDelayed_tellsEachDueTimeOnTheWallClock_soonestFirst() {
        queue.submit("later", SubmitOptions.delayed(Duration.ofSeconds(30)));
        queue.submit("sooner", SubmitOptions.delayed(Duration.ofSeconds(10)));
        queue.submit("ready");
        ticker.addAndGet(Duration.ofSeconds(4).toNanos());

        assertThat(queue.capabilities().has(Capability.LIST_DELAYED)).isTrue();
        assertThat(queue.listDelayed(10)).extracting(d -> d.message().payload(), DelayedMessage::dueAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sooner", WALL.plusSeconds(6)),
                org.assertj.core.groups.Tuple.tuple("later", WALL.plusSeconds(26)));

        ticker.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(queue.listDelayed(10)).as("a message that is due is no longer listed")
                .extracting(d -> d.message().payload()).containsExactly("later");
    }

    @Test
    void oldestReadyAge_isMeasuredFromWhenTheMessageBecameDue() {
        assertThat(queue.counts().oldestReady()).as("no message ready").isEmpty();
        queue.submit("delayed", SubmitOptions.delayed(Duration.ofSeconds(10)));
        ticker.addAndGet(Duration.ofSeconds(15).toNanos());
        queue.submit("fresh");

        assertThat(queue.capabilities().has(Capability.OLDEST_READY_AGE)).isTrue();
        assertThat(queue.counts().oldestReady()).contains(Duration.ofSeconds(5));
    }
}
