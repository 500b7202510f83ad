package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.SubmitOptions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The age of the oldest ready message in the counts: empty when nothing is ready, measured from when
 * the message became due. Every bound compares the backend's age with a span this JVM measured
 * around the same events, so neither clock's offset matters; nothing asserts how long a call took.
 * Needs {@code oldestReadyAge}.
 */
abstract class ReadyAgeTests extends ConformanceSupport {

    /** What a backend's clock may add through its resolution and rounding (SQLite keeps milliseconds). */
    static final Duration RESOLUTION = Duration.ofMillis(100);

    @BeforeEach
    final void requireOldestReadyAge() {
        requires(Capability.OLDEST_READY_AGE);
    }

    @Test
    void oldestReadyAge_isEmpty_whenNoMessageIsReady() {
        assertThat(queue.counts().oldestReady()).as("oldestReadyAge of an empty queue").isEmpty();
        if (supports(Capability.RESERVE)) {
            queue.submit("reserved");
            Message reserved = reserve(queue);
            assertThat(queue.counts().oldestReady()).as("oldestReadyAge with only a reserved message").isEmpty();
            assertThat(queue.finish(reserved)).isTrue();
        }
        if (supports(Capability.DELAY)) {
            long start = System.nanoTime();
            queue.submit("delayed", SubmitOptions.delayed(DELAY));
            beforeDue(start, DELAY, () -> assertThat(queue.counts().oldestReady())
                    .as("oldestReadyAge with only a delayed message").isEmpty());
        }
    }

    @Test
    void oldestReadyAge_isTheAgeOfTheMessageReadyLongest() {
        long start = System.nanoTime();
        queue.submit("first");

        Duration grown = awaitValue("the oldest ready age to grow past 200 ms",
                () -> queue.counts().oldestReady().orElse(Duration.ZERO), age -> age.toMillis() >= 200);
        assertThat(grown).as("the age of a message submitted %s ms ago", elapsedMillis(start))
                .isLessThanOrEqualTo(Duration.ofNanos(System.nanoTime() - start).plus(RESOLUTION));

        queue.submit("second");
        Optional<Duration> withTwo = queue.counts().oldestReady();
        assertThat(withTwo).as("oldestReadyAge after a younger message came").isPresent();
        assertThat(withTwo.get()).as("the age is still that of the first message").isGreaterThanOrEqualTo(grown.minus(RESOLUTION));
    }

    @Test
    void oldestReadyAge_ofADelayedMessage_countsFromWhenItBecameDue() {
        requires(Capability.DELAY);
        long start = System.nanoTime();
        queue.submit("delayed", SubmitOptions.delayed(DELAY));

        Duration age = awaitValue("the delayed message to be counted ready with an age",
                () -> queue.counts().oldestReady().orElse(null), a -> a != null);
        Duration sinceSubmit = Duration.ofNanos(System.nanoTime() - start);

        assertThat(age).as("the age %s s after the submit of a message delayed %s s (from its due time, not its submit)",
                sinceSubmit.toMillis() / 1000.0, DELAY.toMillis() / 1000.0)
                .isLessThanOrEqualTo(sinceSubmit.minus(DELAY).plus(RESOLUTION))
                .isGreaterThanOrEqualTo(Duration.ZERO);
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
