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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finished messages kept for a queue's {@code retainFinished}: a finished message is found as
 * finished with its payload, headers, counts and finish time, and is nowhere else (not ready, not
 * counted, not listed as failed, not retried); by default nothing is kept; a count keeps the latest
 * finished ones and an age drops the old ones, pruned by the backend itself as the queue is used.
 * Needs {@code retainFinished} and {@code findById}.
 */
abstract class HistoryTests extends ConformanceSupport {

    /** How far a finish time may lie from the test's clock (the backend's clock runs on this machine). */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

    @BeforeEach
    final void requireHistory() {
        requires(Capability.RETAIN_FINISHED, Capability.FIND_BY_ID, Capability.RESERVE);
    }

    @Test
    void finish_withRetention_keepsTheMessageAsFinished() {
        Queue kept = newQueue(options("retainFinished", "1h"));
        SubmitOptions options = supports(Capability.HEADERS) ? SubmitOptions.DEFAULT.withHeader("trace", "h-1") : SubmitOptions.DEFAULT;
        String id = kept.submit("kept \"payload\"\nline", options);
        Message reserved = reserve(kept);
        assertThat(kept.release(reserved, ReleaseOptions.DEFAULT)).isTrue();
        Instant before = Instant.now();
        assertThat(kept.finish(reserve(kept))).as("finish of a reserved message on a queue that keeps them").isTrue();
        Instant after = Instant.now();

        MessageInfo info = kept.find(id).orElseThrow(() -> new AssertionError("finished message " + id + " not found"));

        assertThat(info.state()).isEqualTo(MessageState.FINISHED);
        assertThat(info.message().id()).isEqualTo(id);
        assertThat(info.message().payload()).isEqualTo("kept \"payload\"\nline");
        assertThat(info.message().token()).isEmpty();
        assertThat(info.message().numberOfReleases()).as("releases of the finished message").isEqualTo(1);
        assertThat(info.message().numberOfDeliveries()).as("deliveries of the finished message").isEqualTo(2);
        if (supports(Capability.HEADERS)) {
            assertThat(info.message().headers()).isEqualTo(Map.of("trace", "h-1"));
        }
        assertThat(info.finishedAt()).as("finishedAt on the backend's clock")
                .isBetween(before.minus(CLOCK_TOLERANCE), after.plus(CLOCK_TOLERANCE));
        assertThat(info.dueAt()).isNull();
        assertThat(info.reservedUntil()).isNull();
        assertThat(info.failedAt()).isNull();
        assertThat(info.failureReason()).isEmpty();
    }

    @Test
    void keptMessages_areNotReadyNotCountedAndNotFailed() {
        Queue kept = newQueue(options("retainFinished", "1h"));
        String id = kept.submit("done");
        assertThat(kept.finish(reserve(kept))).isTrue();

        assertThat(kept.waitAndReserve(Duration.ZERO)).as("reserve after the only message finished").isEmpty();
        assertThat(kept.peek(1)).isEmpty();
        assertCounts(kept, 0, 0, 0);
        if (supports(Capability.FAILED_STORE)) {
            assertThat(kept.listFailed(10)).isEmpty();
            assertThat(kept.retryFailed(id)).as("retryFailed of a finished message").isFalse();
            assertThat(kept.deleteFailed(id)).as("deleteFailed of a finished message").isFalse();
        }
        assertThat(kept.find(id).map(MessageInfo::state)).as("still finished after those calls").contains(MessageState.FINISHED);
    }

    @Test
    void finish_twice_keepsOneAndSaysFalseTheSecondTime() {
        Queue kept = newQueue(options("retainFinished", "1h"));
        String id = kept.submit("once");
        Message message = reserve(kept);
        assertThat(kept.finish(message)).isTrue();

        assertThat(kept.finish(message)).as("a second finish of the same reservation").isFalse();
        assertThat(kept.release(message, ReleaseOptions.DEFAULT)).as("a release after the finish").isFalse();
        if (supports(Capability.FAILED_STORE)) {
            assertThat(kept.abortAll(List.of(new Abort(message, "late")))).as("an abort after the finish").isEmpty();
        }
        assertThat(kept.find(id).map(MessageInfo::state)).contains(MessageState.FINISHED);
    }

    @Test
    void withoutRetention_aFinishedMessageIsNotFound() {
        String id = queue.submit("gone");
        assertThat(queue.finish(reserve(queue))).isTrue();

        assertThat(queue.find(id)).as("a finished message of a queue without retainFinished").isEmpty();
    }

    @Test
    void abortedAndReleasedMessages_areNotFinished() {
        requires(Capability.FAILED_STORE);
        Queue kept = newQueue(options("retainFinished", "1h"));
        String failed = kept.submit("fails");
        kept.abort(reserve(kept), "broken");
        String released = kept.submit("again");
        assertThat(kept.release(reserve(kept), ReleaseOptions.DEFAULT)).isTrue();

        assertThat(kept.find(failed).map(MessageInfo::state)).contains(MessageState.FAILED);
        assertThat(kept.find(released).map(MessageInfo::state)).contains(MessageState.READY);
    }

    @Test
    void aCount_keepsTheLatestFinished_andPrunesTheOlder() {
        Queue kept = newQueue(options("retainFinished", Map.of("count", 2)));
        List<String> ids = finishOneByOne(kept, 5);

        // The backend prunes as the queue is used (at most once a second on some): keep finishing
        // messages until the oldest is gone, then the two latest must still be there.
        List<String> latest = new ArrayList<>(ids);
        awaitValue("the oldest finished message pruned from a history of 2", () -> {
            latest.addAll(finishOneByOne(kept, 1));
            return kept.find(ids.get(0)).isEmpty();
        }, gone -> gone);

        List<String> lastTwo = latest.subList(latest.size() - 2, latest.size());
        for (String id : lastTwo) {
            assertThat(kept.find(id).map(MessageInfo::state)).as("one of the 2 latest finished (%s)", id)
                    .contains(MessageState.FINISHED);
        }
        assertThat(kept.find(ids.get(1))).as("the second oldest of %s finished messages, with count 2", latest.size()).isEmpty();
    }

    @Test
    void anAge_prunesWhatFinishedLongerAgo() {
        Queue kept = newQueue(options("retainFinished", "1s"));
        String old = kept.submit("old");
        assertThat(kept.finish(reserve(kept))).isTrue();
        long finishedAt = System.nanoTime();
        beforeDue(finishedAt, Duration.ofSeconds(1), () -> assertThat(kept.find(old).map(MessageInfo::state))
                .as("found within its age").contains(MessageState.FINISHED));

        awaitValue("the message finished more than 1 s ago pruned", () -> {
            finishOneByOne(kept, 1);
            return kept.find(old).isEmpty();
        }, gone -> gone);
    }

    @Test
    void flush_removesTheKeptMessagesToo() {
        Queue kept = newQueue(options("retainFinished", "1h"));
        String id = kept.submit("flushed");
        assertThat(kept.finish(reserve(kept))).isTrue();

        kept.flush();

        assertThat(kept.find(id)).as("a kept message after flush").isEmpty();
    }

    @Test
    void keptMessages_ofOneQueue_areNotFoundInAnother() {
        Queue kept = newQueue(options("retainFinished", "1h"));
        Queue other = newQueue(options("retainFinished", "1h"));
        String id = kept.submit("mine");
        assertThat(kept.finish(reserve(kept))).isTrue();

        Optional<MessageInfo> inOther = other.find(id);

        assertThat(inOther.map(i -> i.message().payload())).as("another queue's finished message").isNotEqualTo(Optional.of("mine"));
        other.flush();
        assertThat(kept.find(id).map(MessageInfo::state)).as("flushing the other queue").contains(MessageState.FINISHED);
    }

    /** Submits, reserves and finishes {@code count} messages one at a time; returns their ids in finish order. */
    private List<String> finishOneByOne(Queue q, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = q.submit("finished-" + i);
            Message message = reserve(q);
            assertThat(message.id()).as("the only ready message").isEqualTo(id);
            assertThat(q.finish(message)).isTrue();
            ids.add(id);
        }
        return ids;
    }
}
