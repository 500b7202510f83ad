package io.jobqueue.testkit;

import io.jobqueue.Capability;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Submitting and taking, the timeout rules ({@code null} = the queue's default, zero = poll once)
 * and delayed submits. Covers the original contract tests 1 to 4.
 */
abstract class SubmitAndTakeTests extends ConformanceSupport {

    /** Far below any sane default timeout, so a wait that used the default would be caught. */
    private static final Duration GUARD = Duration.ofSeconds(10);

    @Test
    void name_isTheGivenName_andCapabilitiesNameTheBackend() {
        assertThat(queue.name()).isEqualTo(baseName());
        assertThat(queue.capabilities()).isNotNull();
        assertThat(queue.capabilities().backend()).isNotBlank();
    }

    @Test
    void submit_returnsANonBlankIdThatDiffersPerMessage() {
        String first = queue.submit("first");
        String second = queue.submit("second");

        assertThat(first).isNotBlank();
        assertThat(second).isNotBlank().isNotEqualTo(first);
    }

    @Test
    void submit_thenWaitAndTake_returnsSamePayloadAndRemovesTheMessage() {
        queue.submit("the payload");

        Message taken = take(queue);

        assertThat(taken.payload()).isEqualTo("the payload");
        assertThat(taken.numberOfReleases()).isZero();
        assertCounts(queue, 0, 0, 0);
        assertThat(queue.waitAndTake(Duration.ZERO)).as("a taken message is gone").isEmpty();
        if (supports(Capability.RESERVE)) {
            assertThat(queue.finish(taken)).as("finish of a taken message").isFalse();
        }
    }

    @Test
    void waitAndTake_onEmptyQueue_returnsEmptyAfterTheTimeout() {
        assertThat(queue.waitAndTake(SHORT_WAIT)).isEmpty();
    }

    @Test
    void zeroTimeout_onEmptyQueue_pollsOnceAndReturnsEmpty() {
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(queue.waitAndTake(Duration.ZERO)).as("waitAndTake(ZERO)").isEmpty();
            if (supports(Capability.RESERVE)) {
                assertThat(queue.waitAndReserve(Duration.ZERO)).as("waitAndReserve(ZERO)").isEmpty();
                assertThat(queue.waitAndReserve(5, Duration.ZERO)).as("waitAndReserve(5, ZERO)").isEmpty();
            }
        }, "a zero timeout must poll once and return, not block");
    }

    @Test
    void zeroTimeout_withReadyMessage_returnsIt() {
        queue.submit("for take");
        assertTimeoutPreemptively(GUARD, () -> {
            Optional<Message> taken = queue.waitAndTake(Duration.ZERO);
            assertThat(taken).as("waitAndTake(ZERO) with a ready message").map(Message::payload).contains("for take");
        });

        requires(Capability.RESERVE);
        queue.submit("for reserve");
        assertTimeoutPreemptively(GUARD, () -> {
            Optional<Message> reserved = queue.waitAndReserve(Duration.ZERO);
            assertThat(reserved).as("waitAndReserve(ZERO) with a ready message")
                    .map(Message::payload).contains("for reserve");
        });
    }

    @Test
    void nullTimeout_usesTheDefaultTimeout_andReturnsEmptyWhenNothingArrives() {
        Queue shortDefault = newQueue(options("defaultTimeout", 0.2));

        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(shortDefault.waitAndTake(null)).as("waitAndTake(null) with defaultTimeout 0.2").isEmpty();
            if (supports(Capability.RESERVE)) {
                assertThat(shortDefault.waitAndReserve(null)).as("waitAndReserve(null) with defaultTimeout 0.2")
                        .isEmpty();
            }
        }, "a null timeout must use the queue's defaultTimeout (0.2 s here)");
    }

    @Test
    void nullTimeout_waitsForAMessageSubmittedDuringTheWait() throws Exception {
        Queue longDefault = newQueue(options("defaultTimeout", AWAIT_LIMIT.toSeconds()));

        Optional<Message> taken = whileWaiting(() -> longDefault.waitAndTake(null), () -> longDefault.submit("late"));

        assertThat(taken).as("waitAndTake(null) must wait (up to the default timeout) rather than poll once")
                .map(Message::payload).contains("late");
    }

    @Test
    void submit_withDelay_isNeitherTakeableNorCountedReadyUntilDue() {
        requires(Capability.DELAY);
        long start = System.nanoTime();
        queue.submit("delayed", SubmitOptions.delayed(DELAY));

        beforeDue(start, DELAY, () -> {
            assertThat(queue.countReady()).as("countReady before the delay passed").isZero();
            if (supports(Capability.COUNT_DELAYED)) {
                assertThat(queue.counts().delayed()).as("the delayed count before the delay passed").isEqualTo(1);
            }
            assertThat(queue.peek(1)).as("peek before the delay passed").isEmpty();
            assertThat(queue.waitAndTake(Duration.ZERO)).as("waitAndTake(ZERO) before the delay passed").isEmpty();
        });

        awaitValue("the delayed message to be counted ready", queue::countReady, count -> count == 1L);
        if (supports(Capability.COUNT_DELAYED)) {
            assertThat(queue.counts().delayed()).as("the delayed count once it is due").isZero();
        }
        assertThat(queue.waitAndTake(Duration.ZERO)).map(Message::payload).contains("delayed");
    }

    @Test
    void submit_withDelay_isReturnedByAWaitThatOutlastsTheDelay() {
        requires(Capability.DELAY);
        queue.submit("delayed", SubmitOptions.delayed(DELAY));

        Optional<Message> taken = queue.waitAndTake(AWAIT_LIMIT);

        assertThat(taken).as("a wait of %s s that began before the %s ms delay passed",
                AWAIT_LIMIT.toSeconds(), DELAY.toMillis()).map(Message::payload).contains("delayed");
    }

    @Test
    void submit_withDelay_doesNotHoldBackUndelayedMessages() {
        requires(Capability.DELAY);
        long start = System.nanoTime();
        queue.submit("later", SubmitOptions.delayed(DELAY));
        queue.submit("now");

        beforeDue(start, DELAY, () ->
                assertThat(queue.waitAndTake(Duration.ZERO)).as("the undelayed message first")
                        .map(Message::payload).contains("now"));
        assertThat(queue.waitAndTake(AWAIT_LIMIT)).map(Message::payload).contains("later");
    }
}
