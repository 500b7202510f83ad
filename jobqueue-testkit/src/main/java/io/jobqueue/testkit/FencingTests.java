package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fencing: every reservation carries a token that changes with each new reservation of the same
 * message, and finish, release, abort and extendLease are judged against it. A holder whose lease
 * ran out changes nothing, even after the message was reserved again by someone else.
 */
abstract class FencingTests extends ConformanceSupport {

    @Test
    void everyReservation_hasATokenThatPeekAndTheFailedStoreDoNotShow() {
        requires(Capability.RESERVE);
        queue.submit("payload");
        assertThat(queue.peek(1)).singleElement().extracting(Message::token).as("a peeked message's token").isEqualTo("");

        Message reserved = reserve(queue);

        assertThat(reserved.token()).as("the token of a reservation").isNotEmpty();
        if (supports(Capability.FAILED_STORE)) {
            assertThat(queue.abort(reserved, "made to fail")).isTrue();
            assertThat(queue.listFailed(1)).singleElement().extracting(f -> f.message().token())
                    .as("a failed message's token").isEqualTo("");
        }
    }

    @Test
    void aReleasedMessage_isReservedAgainUnderANewToken_andTheOldOneIsVoid() {
        requires(Capability.RESERVE);
        queue.submit("payload");
        Message first = reserve(queue);
        assertThat(queue.release(first, ReleaseOptions.DEFAULT)).isTrue();

        Message second = reserve(queue);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.token()).as("the second reservation's token").isNotEqualTo(first.token());
        assertThat(queue.finish(first)).as("finish with the first reservation's token").isFalse();
        assertThat(queue.finish(second)).as("finish with the current token").isTrue();
    }

    @Test
    void aMessageWithAForgedToken_isNotTouched() {
        requires(Capability.RESERVE);
        queue.submit("payload");
        Message reserved = reserve(queue);
        Message forged = new Message(reserved.id(), reserved.payload(), reserved.headers(), reserved.numberOfReleases(),
                reserved.numberOfDeliveries(), reserved.token() + "0");

        assertThat(queue.finish(forged)).as("finish with a token that was never handed out").isFalse();
        assertCounts(queue, 0, 1, 0);
        assertThat(queue.finish(reserved)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    void staleHolder_afterTheMessageWasReservedAgain_changesNothing(Operation operation) {
        requires(Capability.RESERVE, Capability.LEASES, operation.required());
        Queue leased = newQueue(options("leaseTimeout", LEASE.toMillis() / 1000.0));
        leased.submit("payload");
        Message stale = reserve(leased);
        Message current = awaitValue("the message to come back after its lease ran out",
                () -> leased.waitAndReserve(Duration.ZERO), Optional::isPresent).get();
        assertThat(current.id()).isEqualTo(stale.id());
        assertThat(current.token()).as("the new holder's token").isNotEqualTo(stale.token());

        assertThat(operation.applyTo(leased, stale)).as("%s by the holder whose lease ran out", operation.describe(stale))
                .isFalse();

        assertThat(leased.extendLease(current)).as("the new holder still holds it").isTrue();
        assertCounts(leased, 0, 1, 0);
        assertThat(leased.finish(current)).as("the new holder finishes it").isTrue();
        assertCounts(leased, 0, 0, 0);
    }
}
