package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.MessageState;
import io.jobqueue.Queue;
import io.jobqueue.QueueCounts;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.QueueBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding one message by its id: a ready, delayed, reserved or failed message is found with its
 * state, payload, headers, counts and the time that goes with the state, without a token; a finished,
 * unknown or malformed id and another queue's id are not found; finding changes nothing. Needs
 * {@code findById}.
 */
abstract class FindTests extends ConformanceSupport {

    /** A delay long enough that a found message stays delayed for the whole test. */
    static final Duration LONG_DELAY = Duration.ofSeconds(60);
    /**
     * How far a due time or lease end may lie from what the test's own clock expects: the backend's
     * clock runs on this machine in the suite's setups, but tells times in its own units and rounding
     * (beanstalkd: whole seconds).
     */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

    @BeforeEach
    final void requireFind() {
        requires(Capability.FIND_BY_ID);
    }

    @Test
    void find_ofAReadyMessage_hasItsStatePayloadAndHeaders_andNoToken() {
        SubmitOptions options = supports(Capability.HEADERS) ? SubmitOptions.DEFAULT.withHeader("trace", "t-1") : SubmitOptions.DEFAULT;
        String id = queue.submit("ready \"quoted\"\nline", options);

        MessageInfo info = found(queue, id);

        assertThat(info.state()).isEqualTo(MessageState.READY);
        assertThat(info.message().id()).isEqualTo(id);
        assertThat(info.message().payload()).isEqualTo("ready \"quoted\"\nline");
        assertThat(info.message().token()).as("a found message's token").isEmpty();
        assertThat(info.message().numberOfReleases()).isZero();
        assertThat(info.message().numberOfDeliveries()).isZero();
        if (supports(Capability.HEADERS)) {
            assertThat(info.message().headers()).isEqualTo(Map.of("trace", "t-1"));
        }
        assertThat(info.dueAt()).isNull();
        assertThat(info.reservedUntil()).isNull();
        assertThat(info.failureReason()).isEmpty();
        assertThat(info.failedAt()).isNull();
    }

    @Test
    void find_ofAReleasedMessage_countsItsReleaseAndDelivery() {
        requires(Capability.RESERVE);
        String id = queue.submit("released");
        assertThat(queue.release(reserve(queue), ReleaseOptions.DEFAULT)).isTrue();

        MessageInfo info = found(queue, id);

        assertThat(info.state()).isEqualTo(MessageState.READY);
        assertThat(info.message().numberOfReleases()).as("releases of the released message").isEqualTo(1);
        assertThat(info.message().numberOfDeliveries()).as("deliveries of the released message").isEqualTo(1);
    }

    @Test
    void find_ofADelayedMessage_hasItsDueTime() {
        requires(Capability.DELAY);
        SubmitOptions options = SubmitOptions.delayed(LONG_DELAY);
        if (supports(Capability.HEADERS)) {
            options = options.withHeader("trace", "t-2");
        }
        Instant before = Instant.now();
        String id = queue.submit("later", options);
        Instant after = Instant.now();

        MessageInfo info = found(queue, id);

        assertThat(info.state()).isEqualTo(MessageState.DELAYED);
        assertThat(info.message().payload()).isEqualTo("later");
        if (supports(Capability.HEADERS)) {
            assertThat(info.message().headers()).isEqualTo(Map.of("trace", "t-2"));
        }
        assertThat(info.dueAt()).as("dueAt of a message submitted with a %s s delay", LONG_DELAY.toSeconds())
                .isBetween(before.plus(LONG_DELAY).minus(CLOCK_TOLERANCE), after.plus(LONG_DELAY).plus(CLOCK_TOLERANCE));
        assertThat(info.reservedUntil()).isNull();
    }

    @Test
    void find_ofAReservedMessage_hasTheEndOfItsLease() {
        requires(Capability.RESERVE);
        String id = queue.submit("busy");
        Instant before = Instant.now();
        Message reserved = reserve(queue);
        Instant after = Instant.now();

        MessageInfo info = found(queue, id);

        assertThat(info.state()).isEqualTo(MessageState.RESERVED);
        assertThat(info.message().payload()).isEqualTo("busy");
        assertThat(info.message().token()).as("a found reserved message's token").isEmpty();
        assertThat(info.message().numberOfDeliveries()).isEqualTo(1);
        assertThat(info.reservedUntil()).as("reservedUntil").isNotNull();
        if (supports(Capability.LEASES)) {
            Duration lease = queue.leaseTimeout();
            assertThat(info.reservedUntil()).as("reservedUntil of a reservation with a %s lease", lease)
                    .isBetween(before.plus(lease).minus(CLOCK_TOLERANCE), after.plus(lease).plus(CLOCK_TOLERANCE));
        }
        assertThat(queue.finish(reserved)).as("finish after find").isTrue();
    }

    @Test
    void find_ofAFailedMessage_hasItsReason() {
        requires(Capability.RESERVE, Capability.FAILED_STORE);
        Instant before = Instant.now().minusSeconds(60);
        SubmitOptions options = supports(Capability.HEADERS) ? SubmitOptions.DEFAULT.withHeader("trace", "t-3") : SubmitOptions.DEFAULT;
        String id = queue.submit("bad", options);
        assertThat(queue.abort(reserve(queue), "boom: \"quoted\"\nsecond line")).isTrue();

        MessageInfo info = found(queue, id);

        assertThat(info.state()).isEqualTo(MessageState.FAILED);
        assertThat(info.message().payload()).isEqualTo("bad");
        assertThat(info.message().numberOfDeliveries()).as("the delivery that ended in the abort").isEqualTo(1);
        if (supports(Capability.HEADERS)) {
            assertThat(info.message().headers()).isEqualTo(Map.of("trace", "t-3"));
        }
        assertThat(info.failureReason()).isEqualTo("boom: \"quoted\"\nsecond line");
        if (info.failedAt() != null) {
            assertThat(info.failedAt()).as("failedAt, when the backend records it").isAfter(before);
        }
    }

    @Test
    void find_ofAReservationWhoseLeaseRanOut_isReady() {
        requires(Capability.RESERVE, Capability.LEASES);
        Queue shortLease = newQueue(options("leaseTimeout", LEASE.toMillis() / 1000.0));
        String id = shortLease.submit("lapsing");
        reserve(shortLease);

        awaitValue("the lapsed reservation to be found ready", () -> found(shortLease, id).state(),
                state -> state == MessageState.READY);
        MessageInfo info = found(shortLease, id);
        assertThat(info.reservedUntil()).isNull();
        assertThat(info.message().numberOfReleases()).as("a lapsed lease is no release").isZero();
        Message again = reserve(shortLease);
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.numberOfDeliveries()).isEqualTo(2);
    }

    @Test
    void find_ofAFinishedMessage_isEmpty() {
        requires(Capability.RESERVE);
        String id = queue.submit("done");
        assertThat(queue.finish(reserve(queue))).isTrue();

        assertThat(queue.find(id)).as("find of a finished message").isEmpty();
    }

    @Test
    void find_ofAnUnknownOrMalformedId_isEmpty() {
        String id = queue.submit("mine");
        List<String> ids = List.of("not-an-id", "1; DROP TABLE jobqueue_messages", "x".repeat(10_000), "9".repeat(5_000),
                "-1", "0", id + " ", " " + id, id + "0", id + ":1", "'", "%", "*", "{x}", "99999999999999999999999");
        for (String unknown : ids) {
            String shown = unknown.length() > 40 ? unknown.substring(0, 40) + "… (" + unknown.length() + " chars)" : unknown;
            assertThat(queue.find(unknown)).as("find(\"%s\")", shown).isEmpty();
        }
        assertThat(backend(queue).find("")).as("the backend's find(\"\")").isEmpty();
        assertThatThrownBy(() -> queue.find("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.find("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(found(queue, id).message().payload()).as("the queue's own message is still found").isEqualTo("mine");
        assertCounts(queue, 1, 0, 0);
    }

    @Test
    void find_ofAnotherQueuesMessage_neverShowsIt() {
        Queue other = newQueue(Map.of());
        String mine = queue.submit("mine");
        String theirs = other.submit("theirs");

        Optional<MessageInfo> found = queue.find(theirs);

        found.ifPresent(info -> assertThat(info.message().payload())
                .as("find of another queue's id that is also this queue's: this queue's message").isEqualTo("mine"));
        if (!theirs.equals(mine)) {
            assertThat(found).as("find of another queue's id").isEmpty();
        }
        assertThat(found(other, theirs).message().payload()).isEqualTo("theirs");
    }

    @Test
    void find_changesNothing() {
        requires(Capability.RESERVE);
        queue.submit("held");
        Message held = reserve(queue);
        long start = System.nanoTime();
        String readyId = queue.submit("ready");
        String delayedId = supports(Capability.DELAY) ? queue.submit("delayed", SubmitOptions.delayed(DELAY)) : null;
        QueueCounts before = queue.counts();

        beforeDue(start, DELAY, () -> {
            for (int i = 0; i < 2; i++) {
                assertThat(found(queue, readyId).state()).isEqualTo(MessageState.READY);
                assertThat(found(queue, held.id()).state()).isEqualTo(MessageState.RESERVED);
                if (delayedId != null) {
                    assertThat(found(queue, delayedId).state()).isEqualTo(MessageState.DELAYED);
                }
            }
            QueueCounts after = queue.counts();
            assertThat(after.ready()).as("ready count after find").isEqualTo(before.ready());
            if (supports(Capability.COUNT_DELAYED)) {
                assertThat(after.delayed()).as("delayed count after find").isEqualTo(before.delayed());
            }
            if (supports(Capability.COUNT_RESERVED)) {
                assertThat(after.reserved()).as("reserved count after find").isEqualTo(before.reserved());
            }
            assertThat(queue.peek(1)).extracting(Message::payload).as("peek after find").containsExactly("ready");
        });

        assertThat(queue.extendLease(held)).as("the holder still holds its reservation after find").isTrue();
        assertThat(queue.finish(held)).as("the holder finishes after find").isTrue();
        if (delayedId != null) {
            awaitValue("the found delayed message to become ready", queue::countReady, count -> count == 2L);
            assertThat(found(queue, delayedId).state()).isEqualTo(MessageState.READY);
            assertThat(reserveAndFinishPayloads(queue, 2)).containsExactlyInAnyOrder("ready", "delayed");
        }
    }

    /** The message with that id, which the test expects to be found. */
    static MessageInfo found(Queue q, String id) {
        Optional<MessageInfo> info = q.find(id);
        assertThat(info).as("find(\"%s\") on queue '%s'", id, q.name()).isPresent();
        assertThat(info.get().message().id()).as("the id of the found message").isEqualTo(id);
        return info.get();
    }

    /** The backend under the queue, for the contract's cases the core's checks keep from it. */
    static QueueBackend backend(Queue q) {
        return q.backend(QueueBackend.class).orElseThrow();
    }
}
