package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.MessageState;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.Abort;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancelling messages by id ({@code Queue.cancel}): a ready or delayed message leaves the queue for
 * good; a reserved one is taken from its holder, whose renewal, finish, release and abort then act on
 * nothing, and it is never delivered again; with {@code retainFinished} a cancelled message is found
 * as cancelled, without it a ready one is not found at all (a reserved one is found as cancelled at
 * least until its lease would have run out, so its holder learns it). Unknown, malformed, failed,
 * finished, already cancelled and other queues' ids are not cancelled. Needs {@code cancel},
 * {@code findById} and {@code reserve}.
 */
abstract class CancelTests extends ConformanceSupport {

    @BeforeEach
    final void requireCancel() {
        requires(Capability.CANCEL, Capability.FIND_BY_ID, Capability.RESERVE);
    }

    @Test
    void cancel_ofAReadyMessage_removesItForGood() {
        String id = queue.submit("cancelled");
        String kept = queue.submit("kept");

        assertThat(queue.cancel(id)).as("cancel of a ready message").isTrue();

        assertThat(queue.find(id)).as("a cancelled message of a queue without retainFinished").isEmpty();
        Message next = reserve(queue);
        assertThat(next.id()).as("the only message left").isEqualTo(kept);
        assertThat(queue.finish(next)).isTrue();
        assertThat(queue.waitAndReserve(Duration.ZERO)).as("reserve after the cancel").isEmpty();
        assertCounts(queue, 0, 0, 0);
        assertThat(queue.cancel(id)).as("a second cancel of the same id").isFalse();
    }

    @Test
    void cancel_ofADelayedMessage_removesItBeforeItIsDue() {
        requires(Capability.DELAY);
        long start = System.nanoTime();
        String id = queue.submit("later", SubmitOptions.DEFAULT.withDelay(DELAY));
        beforeDue(start, DELAY, () -> assertThat(queue.find(id).map(MessageInfo::state)).contains(MessageState.DELAYED));

        assertThat(queue.cancel(id)).as("cancel of a delayed message").isTrue();

        assertThat(queue.find(id)).as("a cancelled delayed message without retainFinished").isEmpty();
        sleepPast(start, DELAY);
        assertThat(queue.waitAndReserve(SHORT_WAIT)).as("reserve after the cancelled message's delay").isEmpty();
        assertCounts(queue, 0, 0, 0);
    }

    @Test
    void cancel_ofAReservedMessage_failsItsRenewal_andItsCompletionsActOnNothing() {
        requires(Capability.LEASES);
        Queue leased = newQueue(options("leaseTimeout", LEASE.toMillis() / 1000.0));
        String id = leased.submit("running");
        Message held = reserve(leased);

        assertThat(leased.cancel(id)).as("cancel of a reserved message").isTrue();

        assertThat(leased.find(id).map(MessageInfo::state)).as("a reserved message just cancelled, for its holder to learn")
                .contains(MessageState.CANCELLED);
        assertThat(leased.extendLeases(List.of(held))).as("renewal of a cancelled message's lease").isEmpty();
        assertThat(leased.finish(held)).as("finish of a cancelled message").isFalse();
        assertThat(leased.release(held, ReleaseOptions.DEFAULT)).as("release of a cancelled message").isFalse();
        if (supports(Capability.FAILED_STORE)) {
            assertThat(leased.abortAll(List.of(new Abort(held, "late")))).as("abort of a cancelled message").isEmpty();
            assertThat(leased.listFailed(10)).isEmpty();
        }
        sleepPast(System.nanoTime(), LEASE);
        assertThat(leased.waitAndReserve(SHORT_WAIT)).as("reserve after the cancelled message's lease ran out").isEmpty();
        assertCounts(leased, 0, 0, 0);
        assertThat(leased.cancel(id)).as("a second cancel of the same id").isFalse();
    }

    @Test
    void withoutRetention_aCancelledReservationIsForgotten_afterItsLease() {
        requires(Capability.LEASES);
        Queue leased = newQueue(options("leaseTimeout", LEASE.toMillis() / 1000.0));
        String id = leased.submit("running");
        reserve(leased);
        assertThat(leased.cancel(id)).isTrue();

        // The backend forgets it as the queue is used (reserves sweep, at most once a second on some).
        awaitValue("the cancelled reservation forgotten after its lease of " + LEASE.toMillis() + " ms", () -> {
            assertThat(leased.waitAndReserve(Duration.ZERO)).as("reserve while it is forgotten").isEmpty();
            return leased.find(id).isEmpty();
        }, gone -> gone);
        assertCounts(leased, 0, 0, 0);
    }

    @Test
    void withRetention_aCancelledMessageIsFoundAsCancelled() {
        requires(Capability.RETAIN_FINISHED);
        Queue kept = newQueue(options("retainFinished", "1h"));
        String reserved = kept.submit("reserved \"one\"");
        String ready = kept.submit("ready one");
        Message held = reserve(kept);
        assertThat(held.id()).isEqualTo(reserved);
        Instant before = Instant.now();

        assertThat(kept.cancel(reserved)).as("cancel of the reserved message").isTrue();
        assertThat(kept.cancel(ready)).as("cancel of the ready message").isTrue();
        Instant after = Instant.now();

        for (String id : List.of(reserved, ready)) {
            MessageInfo info = kept.find(id).orElseThrow(() -> new AssertionError("cancelled message " + id + " not found"));
            assertThat(info.state()).as("state of cancelled message %s", id).isEqualTo(MessageState.CANCELLED);
            assertThat(info.message().id()).isEqualTo(id);
            assertThat(info.message().token()).isEmpty();
            assertThat(info.finishedAt()).as("when it was cancelled, on the backend's clock")
                    .isBetween(before.minus(HistoryTests.CLOCK_TOLERANCE), after.plus(HistoryTests.CLOCK_TOLERANCE));
            assertThat(info.dueAt()).isNull();
            assertThat(info.reservedUntil()).isNull();
            assertThat(info.failedAt()).isNull();
        }
        assertThat(kept.find(reserved).orElseThrow().message().payload()).isEqualTo("reserved \"one\"");
        assertThat(kept.find(reserved).orElseThrow().message().numberOfDeliveries()).isEqualTo(1);
        assertThat(kept.finish(held)).as("finish after the cancel").isFalse();
        assertThat(kept.waitAndReserve(Duration.ZERO)).isEmpty();
        assertCounts(kept, 0, 0, 0);
        assertThat(kept.find(reserved).map(MessageInfo::state)).as("still cancelled after the finish").contains(MessageState.CANCELLED);
        kept.flush();
        assertThat(kept.find(ready)).as("a cancelled message after flush").isEmpty();
    }

    @Test
    void unknownMalformedFinishedAndFailedIds_areNotCancelled() {
        assertThat(queue.cancel("not-an-id")).as("cancel of a malformed id").isFalse();
        String finished = queue.submit("finished");
        assertThat(queue.finish(reserve(queue))).isTrue();
        assertThat(queue.cancel(finished)).as("cancel of a finished (deleted) message").isFalse();
        if (supports(Capability.FAILED_STORE)) {
            String failed = queue.submit("failed");
            assertThat(queue.abort(reserve(queue), "broken")).isTrue();
            assertThat(queue.cancel(failed)).as("cancel of a failed message").isFalse();
            assertThat(queue.find(failed).map(MessageInfo::state)).contains(MessageState.FAILED);
        }
        if (supports(Capability.RETAIN_FINISHED)) {
            Queue kept = newQueue(options("retainFinished", "1h"));
            String id = kept.submit("kept");
            assertThat(kept.finish(reserve(kept))).isTrue();
            assertThat(kept.cancel(id)).as("cancel of a kept finished message").isFalse();
            assertThat(kept.find(id).map(MessageInfo::state)).contains(MessageState.FINISHED);
        }
    }

    @Test
    void anotherQueuesMessage_isNotCancelled() {
        Queue other = newQueue(options());
        String id = queue.submit("mine");

        assertThat(other.cancel(id)).as("cancel of another queue's message").isFalse();

        assertThat(queue.find(id).map(MessageInfo::state)).as("the message in its own queue").contains(MessageState.READY);
    }

    private static void sleepPast(long startNanos, Duration delay) {
        long left = startNanos + delay.toNanos() + Duration.ofMillis(200).toNanos() - System.nanoTime();
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
