package io.jobqueue.testkit;

import io.jobqueue.Capability;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payloads are opaque text: whatever goes in comes out unchanged, through every way of reading a
 * message, however large (1 MiB) and whatever it contains (scripts, emoji, line breaks, quotes,
 * backslashes, text that looks like JSON or SQL).
 */
abstract class PayloadTests extends ConformanceSupport {

    private static final int ONE_MEBIBYTE = 1 << 20;

    static Stream<Arguments> unusualPayloads() {
        return Stream.of(
                Arguments.of("mixed scripts and emoji",
                        "Grüße aus Köln, ÆØÅ ß; Ελληνικά; Русский; עברית; العربية; हिन्दी; 中文; 日本語; 한국어; ไทย;"
                                + " emoji 😀🎉👍🏽👩‍💻🇩🇪 and 𝄞 outside the basic plane"),
                Arguments.of("line breaks, quotes and backslashes",
                        "line one\r\nline two\nline three\rtab\there \"double\" 'single' `back` \\ \\\\ \\n \\u0041"
                                + " \u2028\u2029 trailing spaces  "),
                Arguments.of("JSON object with odd spacing",
                        "{ \"job\" : \"SendEmail\",\"args\":[1, 2.50, 1e3, null ,true,\"a\\\"b\\\\c\"],\"z\":{}, \"a\":[ ] }"),
                Arguments.of("JSON string", "\"just a string\""),
                Arguments.of("JSON scalars", "null"),
                Arguments.of("number", "00123.4500"),
                Arguments.of("SQL and format specifiers", "'); DROP TABLE jobs; -- %s %d %n ${x} $1 ? :name <b>&amp;</b>"),
                Arguments.of("whitespace only", " \t\r\n "),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusualPayloads")
    void payload_roundTripsExactly_throughTakePeekReserveAndFailedStore(String description, String payload) {
        queue.submit(payload);
        assertThat(queue.peek(1)).as("peek").extracting(Message::payload).containsExactly(payload);
        assertThat(take(queue).payload()).as("waitAndTake").isEqualTo(payload);
        if (!supports(Capability.RESERVE)) {
            return;
        }

        queue.submit(payload);
        Message reserved = reserve(queue);
        assertThat(reserved.payload()).as("waitAndReserve").isEqualTo(payload);
        queue.release(reserved, ReleaseOptions.DEFAULT);
        Message released = reserve(queue);
        assertThat(released.payload()).as("waitAndReserve after a release").isEqualTo(payload);
        if (supports(Capability.FAILED_STORE)) {
            queue.abort(released, payload);
            FailedMessage failed = queue.listFailed(1).get(0);
            assertThat(failed.message().payload()).as("listFailed payload").isEqualTo(payload);
            assertThat(failed.reason()).as("listFailed reason").isEqualTo(payload);
        }
    }

    @Test
    void payload_ofOneMebibyte_roundTripsExactly() {
        String payload = largePayload();
        queue.submit(payload);

        String back = supports(Capability.RESERVE) ? reserve(queue).payload() : take(queue).payload();

        assertThat(back.length()).as("length of the payload that came back").isEqualTo(payload.length());
        assertThat(back.equals(payload)).as("the 1 MiB payload came back changed, first at index %d",
                firstDifference(payload, back)).isTrue();
    }

    /** Exactly 1 MiB of UTF-8: numbered lines, each with a two-byte and a three-byte character. */
    private static String largePayload() {
        StringBuilder text = new StringBuilder(ONE_MEBIBYTE);
        int bytes = 0;
        for (int line = 0; bytes < ONE_MEBIBYTE; line++) {
            String next = String.format(Locale.ROOT, "%07d é € abcdefghijklmnopqrstuvwxyz\n", line);
            int size = next.length() + 1 + 2; // é takes two bytes, € three
            if (bytes + size > ONE_MEBIBYTE) {
                text.append("x".repeat(ONE_MEBIBYTE - bytes));
                bytes = ONE_MEBIBYTE;
            } else {
                text.append(next);
                bytes += size;
            }
        }
        return text.toString();
    }

    private static int firstDifference(String expected, String actual) {
        int length = Math.min(expected.length(), actual.length());
        for (int i = 0; i < length; i++) {
            if (expected.charAt(i) != actual.charAt(i)) {
                return i;
            }
        }
        return length;
    }
}
