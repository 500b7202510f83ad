package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Option {@code rateLimit}: no more reservations in any interval than the limit's count, across queue
 * objects (workers); a reserver that waits gets the next message once the interval allows it, and no
 * message is lost or held back for good. Needs {@code rateLimit} and {@code reserve}.
 */
abstract class RateLimitTests extends ConformanceSupport {

    @BeforeEach
    final void requireLimit() {
        requires(Capability.RATE_LIMIT, Capability.RESERVE);
    }

    @Test
    void reservesNoMoreThanTheCount_inTheFirstInterval() {
        Queue limited = newQueue(options("rateLimit", "5/10s"));
        limited.submitAll(payloads("r", 12), io.jobqueue.SubmitOptions.DEFAULT);

        List<Message> first = limited.waitAndReserve(10, Duration.ZERO);
        List<Message> second = limited.waitAndReserve(10, Duration.ZERO);

        assertThat(first.size() + second.size()).as("reservations in the first of 10 s with a limit of 5").isEqualTo(5);
        assertThat(limited.waitAndReserve(Duration.ofMillis(300))).as("a short wait within the interval").isEmpty();
        assertCounts(limited, 7, 5, 0);
    }

    @Test
    void separateQueueObjects_shareTheLimit_andAWaitingReserverGetsTheRest() {
        Map<String, Object> opts = options("rateLimit", "4/1s");
        String name = baseName() + "-rated";
        Queue one = newQueueNamed(name, opts);
        Queue two = supports(Capability.CROSS_PROCESS) ? newQueueNamed(name, opts) : one;
        one.submitAll(payloads("s", 10), io.jobqueue.SubmitOptions.DEFAULT);

        long start = System.nanoTime();
        List<Message> got = new ArrayList<>();
        got.addAll(one.waitAndReserve(10, Duration.ZERO));
        got.addAll(two.waitAndReserve(10, Duration.ZERO));
        assertThat(got).as("reserved at once by two queue objects with a limit of 4 per second").hasSize(4);
        while (got.size() < 10 && System.nanoTime() - start < AWAIT_LIMIT.toNanos()) {
            got.addAll((got.size() % 2 == 0 ? one : two).waitAndReserve(10, LONG_WAIT));
        }

        assertThat(got).extracting(Message::payload).as("every message, in the end").containsExactlyInAnyOrderElementsOf(
                payloads("s", 10));
        assertThat(System.nanoTime() - start).as("nanoseconds to reserve 10 at 4 per second (at least two more intervals)")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1800).toNanos());
    }
}
