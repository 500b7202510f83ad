package io.jobqueue.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.MessageState;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.QueueContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-memory backend's {@code find}: exact due times and lease ends on a manual ticker and a fixed wall clock. */
class InMemoryFindTest {

    private static final Instant WALL = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    private final Queue queue = Queue.of(QueueContext.of("memory-find", Map.of()),
            new InMemoryBackend(Duration.ofSeconds(30), ticker::get, Clock.fixed(WALL, ZoneOffset.UTC)));

    @Test
    void find_tellsTheDueTimeOfADelayedMessage_andReportsItReadyOnceDue() {
        String id = queue.submit("later", SubmitOptions.delayed(Duration.ofSeconds(10)).withHeader("trace", "t-1"));
        ticker.addAndGet(Duration.ofSeconds(4).toNanos());

        MessageInfo info = queue.find(id).orElseThrow();
        assertThat(info.state()).isEqualTo(MessageState.DELAYED);
        assertThat(info.dueAt()).isEqualTo(WALL.plusSeconds(6));
        assertThat(info.message()).isEqualTo(new Message(id, "later", Map.of("trace", "t-1"), 0, 0, ""));

        ticker.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(queue.find(id)).get().extracting(MessageInfo::state).isEqualTo(MessageState.READY);
        assertThat(queue.countReady()).isEqualTo(1);
    }

    @Test
    void find_tellsTheLeaseEndOfAReservation_andReportsALapsedLeaseReady() {
        String id = queue.submit("work");
        Message reserved = queue.waitAndReserve(Duration.ZERO).orElseThrow();
        ticker.addAndGet(Duration.ofSeconds(5).toNanos());

        MessageInfo info = queue.find(id).orElseThrow();
        assertThat(info.state()).isEqualTo(MessageState.RESERVED);
        assertThat(info.reservedUntil()).isEqualTo(WALL.plusSeconds(25));
        assertThat(info.message().token()).as("a found message's token").isEmpty();
        assertThat(info.message().numberOfDeliveries()).isEqualTo(1);

        ticker.addAndGet(Duration.ofSeconds(25).toNanos());
        assertThat(queue.find(id)).get().extracting(MessageInfo::state).isEqualTo(MessageState.READY);
        assertThat(queue.release(reserved, ReleaseOptions.DEFAULT)).as("the lapsed holder's release").isFalse();
    }

    @Test
    void find_ofAFailedMessage_hasItsReasonAndFailedAt_andAFinishedOneIsGone() {
        String failedId = queue.submit("bad");
        queue.abort(queue.waitAndReserve(Duration.ZERO).orElseThrow(), "boom");
        String finishedId = queue.submit("done");
        queue.finish(queue.waitAndReserve(Duration.ZERO).orElseThrow());

        assertThat(queue.find(failedId)).contains(MessageInfo.failed(new Message(failedId, "bad", Map.of(), 0, 1, ""), "boom", WALL));
        assertThat(queue.find(finishedId)).isEmpty();
        assertThat(queue.find("not-an-id")).isEmpty();
    }

    @Test
    void find_refusesANullOrBlankId_namingTheQueue() {
        assertThatThrownBy(() -> queue.find(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id must not be null or blank, was null (queue 'memory-find')");
        assertThatThrownBy(() -> queue.find(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id must not be null or blank, was ' ' (queue 'memory-find')");
    }

    @Test
    void messageInfo_refusesTimesThatDoNotGoWithItsState() {
        Message message = new Message("1", "p");
        assertThatThrownBy(() -> new MessageInfo(message, MessageState.DELAYED, null, null, "", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dueAt");
        assertThatThrownBy(() -> new MessageInfo(message, MessageState.READY, null, WALL, "", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reservedUntil");
        assertThatThrownBy(() -> new MessageInfo(message, MessageState.READY, null, null, "why", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureReason");
        assertThat(MessageInfo.reserved(new Message("1", "p", Map.of(), 0, 1, "7"), WALL).message().token()).isEmpty();
    }
}
