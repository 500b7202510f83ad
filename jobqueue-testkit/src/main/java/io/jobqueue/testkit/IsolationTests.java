package io.jobqueue.testkit;

import io.jobqueue.Capability;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What belongs to one queue stays in it: flush deletes this queue's messages in every state and
 * nothing else, queues whose names share a suffix never see each other's messages, an id from
 * another queue moves nothing, and setUp and close are safe to repeat.
 */
abstract class IsolationTests extends ConformanceSupport {

    @Test
    void flush_removesReadyDelayedReservedAndFailed_ofThisQueueOnly() {
        Queue other = newQueue(Map.of());
        other.submit("other queue");
        Message reserved = null;
        if (supports(Capability.RESERVE)) {
            queue.submitAll(List.of("to reserve", "to fail"), SubmitOptions.DEFAULT);
            reserved = reserve(queue);
            Message failed = reserve(queue);
            assertThat(List.of(reserved.payload(), failed.payload())).containsExactly("to reserve", "to fail");
            queue.abort(failed, "made to fail");
        }
        queue.submit("ready");
        if (supports(Capability.DELAY)) {
            queue.submit("delayed", SubmitOptions.delayed(DELAY));
        }

        queue.flush();

        assertCounts(queue, 0, 0, 0);
        if (supports(Capability.FAILED_STORE)) {
            assertThat(queue.listFailed(10)).as("failed messages after flush").isEmpty();
        }
        if (reserved != null) {
            assertThat(queue.finish(reserved)).as("finish of a message reserved before the flush").isFalse();
        }
        assertThat(queue.waitAndTake(DELAY.plus(SHORT_WAIT)))
                .as("nothing, not even the delayed message, comes out after a flush").isEmpty();
        assertThat(other.countReady()).as("the other queue keeps its message").isEqualTo(1);
        assertThat(other.waitAndTake(LONG_WAIT)).map(Message::payload).contains("other queue");
    }

    @Test
    void queues_whoseNamesDifferOnlyByAPrefix_neverSeeEachOthersMessages() {
        String base = baseName();
        Queue a = newQueueNamed("a-" + base, Map.of());
        Queue b = newQueueNamed("b-" + base, Map.of());
        List<Queue> all = List.of(queue, a, b);
        for (Queue q : all) {
            q.submit("for " + q.name());
        }

        for (Queue q : all) {
            assertThat(q.countReady()).as("countReady of %s", q.name()).isEqualTo(1);
            assertThat(q.peek(1)).as("peek of %s", q.name()).extracting(Message::payload)
                    .containsExactly("for " + q.name());
        }
        a.flush();
        assertThat(queue.countReady()).as("flush of '%s' spares '%s'", a.name(), queue.name()).isEqualTo(1);
        assertThat(b.countReady()).as("flush of '%s' spares '%s'", a.name(), b.name()).isEqualTo(1);
        for (Queue q : List.of(queue, b)) {
            assertThat(q.waitAndTake(LONG_WAIT)).as("take from %s", q.name()).map(Message::payload)
                    .contains("for " + q.name());
            assertThat(q.waitAndTake(Duration.ZERO)).as("%s has nothing else", q.name()).isEmpty();
        }
        assertThat(a.waitAndTake(Duration.ZERO)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    void operation_withAnIdFromAnotherQueue_returnsFalseAndLeavesBothQueuesAlone(Operation operation) {
        requires(operation.required());
        Queue other = newQueue(Map.of());
        other.submit("other");
        Message reservedElsewhere = reserve(other);
        queue.submit("mine");

        assertThat(operation.applyTo(queue, reservedElsewhere))
                .as("%s on '%s' with a message reserved in '%s'", operation.describe(reservedElsewhere),
                        queue.name(), other.name())
                .isFalse();

        assertCounts(queue, 1, 0, 0);
        assertCounts(other, 0, 1, 0);
        assertThat(other.finish(reservedElsewhere)).as("finish in the queue that reserved it").isTrue();
    }

    @Test
    void retryFailed_withAnIdFromAnotherQueue_returnsFalse() {
        requires(Capability.RESERVE, Capability.FAILED_STORE);
        Queue other = newQueue(Map.of());
        other.submit("other");
        other.abort(reserve(other), "made to fail");
        String failedElsewhere = other.listFailed(1).get(0).message().id();

        assertThat(queue.retryFailed(failedElsewhere)).isFalse();

        assertCounts(queue, 0, 0, 0);
        assertCounts(other, 0, 0, 1);
    }

    @Test
    void setUp_isIdempotent_andKeepsMessages() {
        queue.submit("kept");

        queue.setUp();
        queue.setUp();

        assertThat(queue.countReady()).isEqualTo(1);
        assertThat(queue.waitAndTake(LONG_WAIT)).map(Message::payload).contains("kept");
    }

    @Test
    void close_isIdempotent() {
        flushCloseAndForget(queue);

        queue.close();
    }
}
