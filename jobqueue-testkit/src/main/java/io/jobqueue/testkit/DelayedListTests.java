package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jobqueue.Capability;
import io.jobqueue.DelayedMessage;
import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listing delayed messages: each one not due yet is listed with its payload and due time, soonest due
 * first, within the limit; ready, reserved and due messages are not listed, and listing changes
 * nothing. Needs {@code listDelayed} and {@code delay}.
 */
abstract class DelayedListTests extends ConformanceSupport {

    /** A delay long enough that a listed message stays delayed for the whole test. */
    static final Duration LONG_DELAY = Duration.ofSeconds(60);
    /**
     * How far a due time may lie from the test's own clock's submit time plus the delay: the
     * backend's clock (a database's, a server's) runs on this machine in the suite's setups, but a
     * due time is told in the backend's own units and rounding.
     */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

    @BeforeEach
    final void requireListDelayed() {
        requires(Capability.LIST_DELAYED, Capability.DELAY);
    }

    @Test
    void listDelayed_showsADelayedMessage_withItsPayloadAndDueTime() {
        SubmitOptions options = SubmitOptions.delayed(LONG_DELAY);
        if (supports(Capability.HEADERS)) {
            options = options.withHeader("trace", "t-1");
        }
        Instant before = Instant.now();
        String id = queue.submit("later \"quoted\"\nline", options);
        Instant after = Instant.now();

        List<DelayedMessage> delayed = queue.listDelayed(10);

        assertThat(delayed).as("listDelayed(10) after one delayed submit").hasSize(1);
        DelayedMessage entry = delayed.get(0);
        Message message = entry.message();
        assertThat(message.id()).isEqualTo(id);
        assertThat(message.payload()).isEqualTo("later \"quoted\"\nline");
        assertThat(message.token()).as("a delayed message's token").isEmpty();
        assertThat(message.numberOfReleases()).isZero();
        if (supports(Capability.HEADERS)) {
            assertThat(message.headers()).isEqualTo(Map.of("trace", "t-1"));
        }
        assertThat(entry.dueAt()).as("dueAt of a message submitted with a %s s delay", LONG_DELAY.toSeconds())
                .isBetween(before.plus(LONG_DELAY).minus(CLOCK_TOLERANCE), after.plus(LONG_DELAY).plus(CLOCK_TOLERANCE));
    }

    @Test
    void listDelayed_ordersSoonestDueFirst_andHonoursTheLimit() {
        queue.submit("in-50s", SubmitOptions.delayed(Duration.ofSeconds(50)));
        queue.submit("in-30s", SubmitOptions.delayed(Duration.ofSeconds(30)));
        queue.submit("in-40s", SubmitOptions.delayed(Duration.ofSeconds(40)));

        List<DelayedMessage> all = queue.listDelayed(10);
        assertThat(all).extracting(d -> d.message().payload()).containsExactly("in-30s", "in-40s", "in-50s");
        assertThat(all).extracting(DelayedMessage::dueAt).isSorted();
        assertThat(Duration.between(all.get(0).dueAt(), all.get(2).dueAt()).toMillis())
                .as("the due times lie as far apart as the delays").isCloseTo(20_000L, within(2_000L));
        assertThat(queue.listDelayed(2)).extracting(d -> d.message().payload()).containsExactly("in-30s", "in-40s");
        assertThat(queue.listDelayed(1)).extracting(d -> d.message().payload()).containsExactly("in-30s");
        assertThat(queue.listDelayed(0)).isEmpty();
    }

    @Test
    void listDelayed_onAQueueWithoutDelayedMessages_returnsEmptyList() {
        assertThat(queue.listDelayed(10)).isEmpty();
    }

    @Test
    void listDelayed_listsNeitherReadyNorReservedMessages() {
        requires(Capability.RESERVE);
        queue.submit("reserved");
        Message reserved = reserve(queue);
        queue.submit("ready");
        String delayedId = queue.submit("delayed", SubmitOptions.delayed(LONG_DELAY));

        assertThat(queue.listDelayed(10)).extracting(d -> d.message().id()).containsExactly(delayedId);
        assertThat(queue.finish(reserved)).isTrue();
    }

    @Test
    void listDelayed_listsAMessageReleasedWithADelay() {
        requires(Capability.RESERVE);
        String id = queue.submit("released");
        Instant before = Instant.now();
        assertThat(queue.release(reserve(queue), ReleaseOptions.delayed(LONG_DELAY))).isTrue();

        assertThat(queue.listDelayed(10)).singleElement().satisfies(entry -> {
            assertThat(entry.message().id()).isEqualTo(id);
            assertThat(entry.message().numberOfReleases()).as("releases of the released message").isEqualTo(1);
            assertThat(entry.dueAt()).isAfter(before.plus(LONG_DELAY).minus(CLOCK_TOLERANCE));
        });
    }

    @Test
    void listDelayed_changesNothing_andTheMessageStillBecomesReadyWhenDue() {
        long start = System.nanoTime();
        String id = queue.submit("soon", SubmitOptions.delayed(DELAY));
        queue.submit("ready");

        beforeDue(start, DELAY, () -> {
            assertThat(queue.listDelayed(10)).extracting(d -> d.message().id()).containsExactly(id);
            assertThat(queue.listDelayed(10)).as("a second listing").extracting(d -> d.message().id()).containsExactly(id);
            assertThat(queue.countReady()).as("countReady after listing").isEqualTo(1);
            if (supports(Capability.COUNT_DELAYED)) {
                assertThat(queue.counts().delayed()).as("the delayed count after listing").isEqualTo(1);
            }
            assertThat(queue.peek(1)).extracting(Message::payload).as("peek after listing").containsExactly("ready");
        });

        awaitValue("the listed message to become ready", queue::countReady, count -> count == 2L);
        assertThat(queue.listDelayed(10)).as("a message that is due is no longer listed").isEmpty();
        if (supports(Capability.RESERVE)) {
            assertThat(reserveAndFinishPayloads(queue, 2)).containsExactlyInAnyOrder("ready", "soon");
        }
    }
}
