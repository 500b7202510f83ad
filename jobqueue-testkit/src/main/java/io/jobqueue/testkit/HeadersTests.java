package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.Capability;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.Headers;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Headers: a string map given on submit comes back unchanged on every reservation, on peek and in
 * the failed store; headers the rules refuse are refused before anything is stored.
 */
abstract class HeadersTests extends ConformanceSupport {

    private static final Map<String, String> HEADERS = Map.of(
            "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "tenant", "acme",
            "jobType", "com.example.SendEmail",
            "unicode", "Grüße, 世界 🚀 \"quoted\" \\ back\\slash\nnew line\ttab",
            "empty", "");

    @BeforeEach
    final void requireHeaders() {
        requires(Capability.HEADERS);
    }

    @Test
    void headers_roundTripOnReservePeekReleaseAndTheFailedStore() {
        requires(Capability.RESERVE);
        queue.submit("payload", SubmitOptions.DEFAULT.withHeaders(HEADERS));

        assertThat(queue.peek(1)).singleElement().extracting(Message::headers).as("peeked headers").isEqualTo(HEADERS);
        Message first = reserve(queue);
        assertThat(first.headers()).as("reserved headers").isEqualTo(HEADERS);
        assertThat(queue.release(first, ReleaseOptions.DEFAULT)).isTrue();
        Message again = reserve(queue);
        assertThat(again.headers()).as("headers after a release").isEqualTo(HEADERS);
        if (supports(Capability.FAILED_STORE)) {
            assertThat(queue.abort(again, "made to fail")).isTrue();
            assertThat(queue.listFailed(1)).singleElement().extracting(FailedMessage::message).extracting(Message::headers)
                    .as("failed message's headers").isEqualTo(HEADERS);
            assertThat(queue.retryFailed(again.id())).isTrue();
            assertThat(reserve(queue).headers()).as("headers after a retry").isEqualTo(HEADERS);
        }
    }

    @Test
    void messagesWithoutHeaders_haveAnEmptyMap_besideOnesWithHeaders() {
        requires(Capability.RESERVE);
        queue.submit("plain");
        queue.submitAll(List.of("with-1", "with-2"), SubmitOptions.DEFAULT.withHeader("tenant", "acme"));

        List<Message> messages = queue.waitAndReserve(3, LONG_WAIT);
        Map<String, Map<String, String>> byPayload = new HashMap<>();
        messages.forEach(m -> byPayload.put(m.payload(), m.headers()));
        while (byPayload.size() < 3) {
            Message next = reserve(queue);
            byPayload.put(next.payload(), next.headers());
        }

        assertThat(byPayload).containsEntry("plain", Map.of())
                .containsEntry("with-1", Map.of("tenant", "acme")).containsEntry("with-2", Map.of("tenant", "acme"));
    }

    @Test
    void headersAtTheSizeLimit_areKept() {
        requires(Capability.RESERVE);
        Map<String, String> big = new LinkedHashMap<>();
        String value = "v".repeat(Headers.MAX_BYTES / 4 - 2);
        for (int i = 0; i < 4; i++) {
            big.put("h" + i, value);
        }
        queue.submit("payload", SubmitOptions.DEFAULT.withHeaders(big));

        assertThat(reserve(queue).headers()).isEqualTo(big);
    }

    @Test
    void badHeaders_areRefusedWithTheirName_andNothingIsStored() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i <= Headers.MAX_COUNT; i++) {
            tooMany.put("h" + i, "v");
        }
        List<Map<String, String>> bad = List.of(
                Map.of("bad name", "v"),
                Map.of("", "v"),
                Map.of("x".repeat(Headers.MAX_NAME_LENGTH + 1), "v"),
                Map.of("nul", "a\0b"),
                Map.of("surrogate", "a\uD800b"),
                Map.of("huge", "v".repeat(Headers.MAX_BYTES + 1)),
                tooMany);
        for (Map<String, String> headers : bad) {
            assertThatThrownBy(() -> queue.submit("payload", SubmitOptions.DEFAULT.withHeaders(headers)))
                    .as("submit with headers %s", headers.keySet())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(queue.name());
        }
        assertThatThrownBy(() -> queue.submitAll(List.of("a", "b"), SubmitOptions.DEFAULT.withHeader("bad name", "v")))
                .hasMessageContaining("bad name");
        assertCounts(queue, 0, 0, 0);
    }
}
