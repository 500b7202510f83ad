package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What belongs to one queue stays in it: flush deletes this queue's messages in every state and
 * nothing else, queues whose names share a suffix or prefix never see each other's messages, and
 * setUp and close are safe to repeat.
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
            queue.abort(failed.id(), "made to fail");
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
            assertThat(queue.finish(reserved.id())).as("finish of a message reserved before the flush").isFalse();
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
