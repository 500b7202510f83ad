package io.jobqueue.testkit;

import io.jobqueue.Capability;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Peek, reserve, release, abort and finish, and the counts that follow them (the original contract
 * tests 5 to 13), plus the rule that a move on an id that is not reserved returns false and
 * changes nothing.
 */
abstract class ReserveLifecycleTests extends ConformanceSupport {

    @Test
    void peek_ofOne_returnsTheOldestMessageWithoutReservingIt() {
        queue.submit("first");
        queue.submit("second");

        List<Message> peeked = queue.peek(1);
        List<Message> peekedAgain = queue.peek(1);

        assertThat(peeked).extracting(Message::payload).containsExactly("first");
        assertThat(peekedAgain).as("a second peek sees the same message").isEqualTo(peeked);
        assertThat(queue.countReady()).as("peek reserves nothing").isEqualTo(2);
        assertThat(queue.waitAndTake(LONG_WAIT)).map(Message::payload).contains("first");
    }

    @Test
    void peek_onEmptyQueue_returnsEmptyList() {
        assertThat(queue.peek(1)).isEmpty();
        if (supports(Capability.PEEK_MANY)) {
            assertThat(queue.peek(10)).isEmpty();
        }
    }

    @Test
    void reserve_hidesTheMessageFromPeek_andFinishReturnsTrue() {
        queue.submit("payload");

        Message reserved = reserve(queue);

        assertThat(reserved.payload()).isEqualTo("payload");
        assertThat(reserved.numberOfReleases()).isZero();
        assertThat(queue.peek(1)).as("peek while the only message is reserved").isEmpty();
        assertThat(queue.finish(reserved)).as("finish of the reserved message").isTrue();
        assertCounts(queue, 0, 0, 0);
    }

    @Test
    void reserve_setsCountReadyToZero_andReleaseSetsItBackToOne() {
        queue.submit("payload");
        Message reserved = reserve(queue);

        assertThat(queue.countReady()).as("countReady while reserved").isZero();
        assertThat(queue.release(reserved, ReleaseOptions.DEFAULT)).as("release").isTrue();
        assertThat(queue.countReady()).as("countReady after release").isEqualTo(1);
    }

    @Test
    void numberOfReleases_growsByOneWithEveryReleaseAcrossCycles() {
        queue.submit("payload");

        for (int expected = 0; expected < 2; expected++) {
            Message reserved = reserve(queue);
            assertThat(reserved.numberOfReleases()).as("numberOfReleases on reservation %d", expected + 1)
                    .isEqualTo(expected);
            assertThat(queue.release(reserved, ReleaseOptions.DEFAULT)).as("release").isTrue();
            assertThat(queue.peek(1)).as("peek after %d release(s)", expected + 1)
                    .extracting(Message::numberOfReleases).containsExactly(expected + 1);
        }
        Message third = reserve(queue);
        assertThat(third.numberOfReleases()).as("numberOfReleases on reservation 3").isEqualTo(2);
        assertThat(queue.abort(third)).as("abort").isTrue();
    }

    @Test
    void abort_takesTheMessageOutOfReady() {
        queue.submit("payload");
        Message reserved = reserve(queue);

        assertThat(queue.abort(reserved)).as("abort").isTrue();

        assertThat(queue.countReady()).isZero();
        assertThat(queue.waitAndTake(SHORT_WAIT)).as("an aborted message is never handed out again").isEmpty();
    }

    @Test
    void countReady_isZeroWhenEmpty_andCountsSubmittedMessages() {
        assertThat(queue.countReady()).isZero();

        queue.submit("one");
        queue.submit("two");

        assertThat(queue.countReady()).isEqualTo(2);
    }

    @Test
    void countFailed_staysZeroOnReserve_andGrowsOnAbort() {
        requires(Capability.FAILED_STORE);
        assertThat(queue.countFailed()).isZero();
        queue.submit("payload");

        Message reserved = reserve(queue);
        assertThat(queue.countFailed()).as("countFailed while reserved").isZero();
        queue.abort(reserved);

        assertThat(queue.countFailed()).as("countFailed after abort").isEqualTo(1);
    }

    @Test
    void countReserved_followsReserveAndAbort() {
        requires(Capability.COUNT_RESERVED);
        assertThat(queue.countReserved()).isZero();
        queue.submit("payload");

        Message reserved = reserve(queue);
        assertThat(queue.countReserved()).as("countReserved after reserve").isEqualTo(1);
        queue.abort(reserved);

        assertThat(queue.countReserved()).as("countReserved after abort").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    void operation_onUnknownId_returnsFalseAndChangesNothing(Operation operation) {
        requires(operation.required());
        MessagesInEveryState state = MessagesInEveryState.create(this);

        for (String unknown : List.of("unknown-" + UUID.randomUUID(), "987654321", "0")) {
            Message message = new Message(unknown, "payload", Map.of(), 0, 1, "1");
            assertThat(operation.applyTo(queue, message)).as(operation.describe(message)).isFalse();
        }

        state.assertUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    void operation_onReadyMessage_returnsFalseAndChangesNothing(Operation operation) {
        requires(operation.required());
        MessagesInEveryState state = MessagesInEveryState.create(this);

        Message ready = queue.peek(1).get(0);
        assertThat(ready.id()).isEqualTo(state.readyId);
        assertThat(operation.applyTo(queue, ready)).as(operation.describe(ready) + " of a ready (peeked) message")
                .isFalse();

        state.assertUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    void operation_afterFinish_returnsFalse(Operation operation) {
        requires(operation.required());
        queue.submit("payload");
        Message reserved = reserve(queue);
        assertThat(queue.finish(reserved)).as("the first finish").isTrue();

        assertThat(operation.applyTo(queue, reserved)).as(operation.describe(reserved) + " after finish")
                .isFalse();
        assertCounts(queue, 0, 0, 0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    void operation_afterAbort_returnsFalseAndKeepsOneFailedMessage(Operation operation) {
        requires(operation.required());
        queue.submit("payload");
        Message reserved = reserve(queue);
        assertThat(queue.abort(reserved)).as("the first abort").isTrue();

        assertThat(operation.applyTo(queue, reserved)).as(operation.describe(reserved) + " after abort")
                .isFalse();
        assertCounts(queue, 0, 0, 1);
        assertThat(queue.waitAndTake(Duration.ZERO)).isEmpty();
    }

    /** One ready, one reserved and (with a failed store) one failed message, and a check that they stay so. */
    private record MessagesInEveryState(ReserveLifecycleTests test, String readyId, Message reserved) {

        static MessagesInEveryState create(ReserveLifecycleTests test) {
            var queue = test.queue;
            if (test.supports(Capability.FAILED_STORE)) {
                queue.submit("failed");
                assertThat(queue.abort(test.reserve(queue), "made to fail")).isTrue();
            }
            queue.submit("reserved");
            Message reserved = test.reserve(queue);
            assertThat(reserved.payload()).isEqualTo("reserved");
            String readyId = queue.submit("ready");
            return new MessagesInEveryState(test, readyId, reserved);
        }

        void assertUnchanged() {
            var queue = test.queue;
            test.assertCounts(queue, 1, 1, 1);
            assertThat(queue.peek(1)).extracting(Message::payload).containsExactly("ready");
            assertThat(queue.finish(reserved)).as("the reserved message is still reserved").isTrue();
        }
    }
}
