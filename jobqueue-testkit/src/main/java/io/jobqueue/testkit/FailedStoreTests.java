package io.jobqueue.testkit;

import io.jobqueue.Capability;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failed store: aborted messages are kept with their reason, listed oldest failure first,
 * counted, and can be retried, which makes them ready again with no releases.
 */
abstract class FailedStoreTests extends ConformanceSupport {

    @BeforeEach
    final void requireFailedStore() {
        requires(Capability.RESERVE, Capability.FAILED_STORE);
    }

    @Test
    void abort_withReason_isListedWithPayloadReasonAndReleases() {
        Instant before = Instant.now().minusSeconds(60);
        queue.submit("payload");
        Message first = reserve(queue);
        queue.release(first, ReleaseOptions.DEFAULT);
        Message second = reserve(queue);

        assertThat(queue.abort(second, "boom: \"quoted\" reason\nwith a second line")).isTrue();

        List<FailedMessage> failed = queue.listFailed(10);
        assertThat(failed).hasSize(1);
        FailedMessage entry = failed.get(0);
        assertThat(entry.message().payload()).isEqualTo("payload");
        assertThat(entry.message().numberOfReleases()).as("releases at the time of the abort").isEqualTo(1);
        assertThat(entry.reason()).isEqualTo("boom: \"quoted\" reason\nwith a second line");
        if (entry.failedAt() != null) {
            assertThat(entry.failedAt()).as("failedAt, when the backend records it").isAfter(before);
        }
        assertCounts(queue, 0, 0, 1);
    }

    @Test
    void abort_withoutReason_isListedWithAnEmptyReason() {
        queue.submit("payload");

        assertThat(queue.abort(reserve(queue))).isTrue();

        assertThat(queue.listFailed(10)).extracting(FailedMessage::reason).containsExactly("");
    }

    @Test
    void listFailed_returnsOldestFailureFirst_andHonoursTheLimit() {
        queue.submitAll(List.of("first", "second", "third"), SubmitOptions.DEFAULT);
        Message first = reserve(queue);
        Message second = reserve(queue);
        Message third = reserve(queue);
        queue.abort(second, "failed first");
        queue.abort(first, "failed second");
        queue.abort(third, "failed third");

        assertThat(queue.listFailed(10)).extracting(f -> f.message().payload())
                .containsExactly("second", "first", "third");
        assertThat(queue.listFailed(2)).extracting(FailedMessage::reason)
                .containsExactly("failed first", "failed second");
        assertThat(queue.countFailed()).isEqualTo(3);
    }

    @Test
    void listFailed_onEmptyStore_returnsEmptyList() {
        assertThat(queue.listFailed(10)).isEmpty();
    }

    @Test
    void retryFailed_putsTheMessageBackToReadyWithNoReleases() {
        queue.submit("payload");
        Message reserved = reserve(queue);
        queue.release(reserved, ReleaseOptions.DEFAULT);
        queue.abort(reserve(queue), "boom");
        String failedId = queue.listFailed(1).get(0).message().id();

        assertThat(queue.retryFailed(failedId)).as("retryFailed of a failed message").isTrue();

        assertCounts(queue, 1, 0, 0);
        assertThat(queue.listFailed(10)).isEmpty();
        Message retried = reserve(queue);
        assertThat(retried.payload()).isEqualTo("payload");
        assertThat(retried.numberOfReleases()).as("a retried message starts with no releases").isZero();
        assertThat(queue.finish(retried)).isTrue();
    }

    @Test
    void deleteFailed_removesOnlyThatFailedMessage_forGood() {
        queue.submitAll(List.of("one", "two"), SubmitOptions.DEFAULT);
        Message one = reserve(queue);
        Message two = reserve(queue);
        assertThat(queue.abort(one, "first")).isTrue();
        assertThat(queue.abort(two, "second")).isTrue();

        assertThat(queue.deleteFailed(one.id())).as("deleteFailed of a failed message").isTrue();

        assertThat(queue.listFailed(10)).extracting(f -> f.message().id()).containsExactly(two.id());
        assertThat(queue.deleteFailed(one.id())).as("deleteFailed of a deleted message").isFalse();
        assertThat(queue.retryFailed(one.id())).as("retryFailed of a deleted message").isFalse();
        assertThat(queue.deleteFailed("unknown-" + java.util.UUID.randomUUID())).as("deleteFailed of an unknown id").isFalse();
        assertCounts(queue, 0, 0, 1);
    }

    @Test
    void deleteFailed_ofAReadyOrReservedMessage_returnsFalseAndChangesNothing() {
        queue.submitAll(List.of("reserved", "ready"), SubmitOptions.DEFAULT);
        Message reserved = reserve(queue);
        String readyId = queue.peek(1).get(0).id();

        assertThat(queue.deleteFailed(reserved.id())).as("deleteFailed of a reserved message").isFalse();
        assertThat(queue.deleteFailed(readyId)).as("deleteFailed of a ready message").isFalse();

        assertCounts(queue, 1, 1, 0);
        assertThat(queue.finish(reserved)).isTrue();
    }

    @Test
    void retryFailed_ofUnknownReadyOrAlreadyRetriedId_returnsFalse() {
        queue.submit("payload");
        queue.abort(reserve(queue), "boom");
        String failedId = queue.listFailed(1).get(0).message().id();
        String readyId = queue.submit("ready");

        assertThat(queue.retryFailed("unknown-id")).as("retryFailed of an unknown id").isFalse();
        assertThat(queue.retryFailed(readyId)).as("retryFailed of a ready message").isFalse();
        assertCounts(queue, 1, 0, 1);
        assertThat(queue.retryFailed(failedId)).as("the first retryFailed").isTrue();
        assertThat(queue.retryFailed(failedId)).as("a second retryFailed of the same id").isFalse();
        assertCounts(queue, 2, 0, 0);
    }
}
