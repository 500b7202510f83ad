package io.jobqueue.testkit;

import io.jobqueue.Capability;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order messages come out in: smaller priority first, FIFO within a priority, peek oldest
 * first, submitAll in list order, and where a release (with a delay or a priority) puts a message.
 */
abstract class OrderingTests extends ConformanceSupport {

    @Test
    void priority_smallerValuesAreReservedFirst() {
        requires(Capability.PRIORITY);
        queue.submit("p2000", SubmitOptions.prioritized(2000));
        queue.submit("p1", SubmitOptions.prioritized(1));
        queue.submit("default", SubmitOptions.DEFAULT);
        queue.submit("p500", SubmitOptions.prioritized(500));
        queue.submit("p0", SubmitOptions.prioritized(0));
        List<String> expected = List.of("p0", "p1", "p500", "default", "p2000");

        if (supports(Capability.PEEK_MANY)) {
            assertThat(queue.peek(10)).as("peek follows the priority too").extracting(Message::payload)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(reserveAndFinishPayloads(queue, 5)).containsExactlyElementsOf(expected);
    }

    @Test
    void fifo_withinOnePriority_fiftyMessagesComeOutInSubmitOrder() {
        List<String> payloads = payloads("fifo", 50);
        for (String payload : payloads) {
            queue.submit(payload);
        }

        assertThat(reserveAndFinishPayloads(queue, 50)).containsExactlyElementsOf(payloads);
    }

    @Test
    void fifo_withinEachPriority_whenPrioritiesInterleave() {
        requires(Capability.PRIORITY);
        for (int i = 0; i < 5; i++) {
            queue.submit("low-" + i, SubmitOptions.prioritized(100));
            queue.submit("high-" + i, SubmitOptions.prioritized(10));
        }

        assertThat(reserveAndFinishPayloads(queue, 10)).containsExactly(
                "high-0", "high-1", "high-2", "high-3", "high-4", "low-0", "low-1", "low-2", "low-3", "low-4");
    }

    @Test
    void peek_withLimit_returnsOldestFirstAndHonoursTheLimit() {
        requires(Capability.PEEK_MANY);
        List<String> payloads = payloads("peek", 5);
        for (String payload : payloads) {
            queue.submit(payload);
        }

        assertThat(queue.peek(3)).extracting(Message::payload).containsExactlyElementsOf(payloads.subList(0, 3));
        assertThat(queue.peek(10)).as("a limit above the count").extracting(Message::payload)
                .containsExactlyElementsOf(payloads);
        assertThat(queue.countReady()).as("peek reserves nothing").isEqualTo(5);
    }

    @Test
    void peek_withLimit_skipsReservedMessages() {
        requires(Capability.PEEK_MANY);
        for (String payload : payloads("peek", 3)) {
            queue.submit(payload);
        }
        reserve(queue);

        assertThat(queue.peek(10)).extracting(Message::payload).containsExactly("peek-0001", "peek-0002");
    }

    @Test
    void submitAll_returnsIdsInOrder_andMessagesComeOutInThatOrder() {
        List<String> payloads = payloads("all", 20);

        List<String> ids = queue.submitAll(payloads, SubmitOptions.DEFAULT);

        assertThat(ids).as("one id per payload").hasSize(20).doesNotContainNull().doesNotHaveDuplicates();
        if (supports(Capability.PEEK_MANY)) {
            assertThat(queue.peek(20)).as("peek ids match the ids submitAll returned, in order")
                    .extracting(Message::id).containsExactlyElementsOf(ids);
        }
        assertThat(reserveAndFinishPayloads(queue, 20)).containsExactlyElementsOf(payloads);
    }

    @Test
    void release_withDelay_makesMessageInvisibleUntilDelayPasses() {
        requires(Capability.DELAY);
        queue.submit("payload");
        Message reserved = reserve(queue);

        long start = System.nanoTime();
        assertThat(queue.release(reserved, ReleaseOptions.delayed(DELAY))).as("release with a delay").isTrue();

        beforeDue(start, DELAY, () -> {
            assertThat(queue.countReady()).as("countReady before the release delay passed").isZero();
            assertThat(queue.waitAndReserve(Duration.ZERO)).as("waitAndReserve(ZERO) before the release delay passed")
                    .isEmpty();
        });
        Message again = awaitValue("the released message to be reservable again",
                () -> queue.waitAndReserve(Duration.ZERO), m -> m.isPresent()).get();
        assertThat(again.payload()).isEqualTo("payload");
        assertThat(again.numberOfReleases()).isEqualTo(1);
    }

    @Test
    void release_withSmallerPriority_putsTheMessageAheadOfOthers() {
        requires(Capability.PRIORITY);
        queue.submit("a");
        queue.submit("b");
        Message a = reserve(queue);
        assertThat(a.payload()).isEqualTo("a");

        queue.release(a, new ReleaseOptions(Duration.ZERO, 1));

        assertThat(reserveAndFinishPayloads(queue, 2)).containsExactly("a", "b");
    }

    @Test
    void release_withLargerPriority_putsTheMessageBehindOthers() {
        requires(Capability.PRIORITY);
        queue.submit("a", SubmitOptions.prioritized(10));
        queue.submit("b", SubmitOptions.prioritized(10));
        Message a = reserve(queue);
        assertThat(a.payload()).isEqualTo("a");

        queue.release(a, new ReleaseOptions(Duration.ZERO, 20));

        assertThat(reserveAndFinishPayloads(queue, 2)).containsExactly("b", "a");
    }

    @Test
    void release_withoutPriority_keepsTheMessagesOwnPriority() {
        requires(Capability.PRIORITY);
        queue.submit("urgent", SubmitOptions.prioritized(1));
        queue.submit("normal");
        Message urgent = reserve(queue);
        assertThat(urgent.payload()).isEqualTo("urgent");

        queue.release(urgent, ReleaseOptions.DEFAULT);

        assertThat(reserveAndFinishPayloads(queue, 2)).containsExactly("urgent", "normal");
    }
}
