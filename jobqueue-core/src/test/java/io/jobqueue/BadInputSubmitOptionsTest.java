package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Delays that cannot be meant, and submit options no backend reads. */
class BadInputSubmitOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e300"})
    void delay_notFiniteOrAbsurd_isRefusedNamingTheKey(String text) {
        assertThatThrownBy(() -> SubmitOptions.fromMap(Map.of("delay", text)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'delay'");
        assertThatThrownBy(() -> SubmitOptions.fromMap(Map.of("delay", Double.parseDouble(text))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'delay'");
    }

    @Test
    void delay_longerThanAHundredYears_isRefused_shorterIsTaken() {
        assertThatThrownBy(() -> SubmitOptions.fromMap(Map.of("delay", 5e9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than the longest");
        assertThat(SubmitOptions.fromMap(Map.of("delay", 86_400)).delay()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void queue_refusesADelayPastTheMaximum_namingTheQueue() {
        try (Queue queue = Queue.of(QueueContext.of("bad-delay", Map.of()), new InMemoryBackend())) {
            assertThatThrownBy(() -> queue.submit("x", SubmitOptions.delayed(Duration.ofDays(40_000))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue 'bad-delay'");
            assertThat(queue.counts().ready() + queue.counts().delayed()).isZero();
        }
    }

    @Test
    void unknownExtra_isRefusedNamingItAndTheKeysTheBackendTakes() {
        try (Queue queue = Queue.of(QueueContext.of("bad-extra", Map.of()), new InMemoryBackend())) {
            assertThatThrownBy(() -> queue.submit("x", SubmitOptions.fromMap(Map.of("dealy", 5))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown submit option 'dealy' for queue 'bad-extra'")
                    .hasMessageContaining("did you mean 'delay'?")
                    .hasMessageContaining("it takes delay, priority");
            assertThat(queue.counts().ready()).isZero();
        }
    }

    @Test
    void extraTheBackendDeclares_isTaken_alsoThroughAForwardingBackend() {
        InMemoryBackend memory = new InMemoryBackend();
        ForwardingBackend withTtr = new ForwardingBackend(new ForwardingBackend(memory) {
            @Override
            public Set<String> submitExtras() {
                return Set.of("ttr");
            }
        });
        try (Queue queue = Queue.of(QueueContext.of("ttr-extra", Map.of()), withTtr)) {
            queue.submit("x", SubmitOptions.fromMap(Map.of("ttr", 30)));
            assertThat(queue.counts().ready()).isEqualTo(1);
            assertThatThrownBy(() -> queue.submit("y", SubmitOptions.fromMap(Map.of("tr", 30))))
                    .hasMessageContaining("it takes delay, priority, ttr");
        }
    }
}
