package io.jobqueue.beanstalkd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodiesTest {

    private static Bodies.Decoded decode(String body) {
        return Bodies.decode(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encode_ofAPlainPayload_isItsUtf8BytesAndNothingElse() {
        String payload = "{\"job\":\"x\"}\r\nGrüße 😀";

        byte[] body = Bodies.encode(null, Map.of(), payload);

        assertThat(body).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(Bodies.decode(body)).isEqualTo(new Bodies.Decoded(null, Map.of(), payload));
    }

    @Test
    void encode_ofAPayloadStartingWithTheMark_addsAnEmptyHeaderLine_soItReadsBackUnchanged() {
        String payload = "\u0001123\nlooks like a header";

        byte[] body = Bodies.encode(null, Map.of(), payload);

        assertThat(body).startsWith(0x01, '\n');
        assertThat(Bodies.decode(body)).as("an empty header line names no id: the job id is the message id")
                .isEqualTo(new Bodies.Decoded(null, Map.of(), payload));
    }

    @Test
    void encode_withAMessageId_keepsThatIdInANewJob() {
        byte[] body = Bodies.encode("15", Map.of(), "payload");

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("\u000115\npayload");
        assertThat(Bodies.decode(body)).isEqualTo(new Bodies.Decoded("15", Map.of(), "payload"));
    }

    @Test
    void headers_areOneLineOfJson_afterTheIdAndASpace_evenWithNewLinesInAValue() {
        Map<String, String> headers = Map.of("trace", "a\nb", "tenant", "Grüße");

        byte[] withId = Bodies.encode("15", headers, "\u0001payload\n");
        byte[] withoutId = Bodies.encode(null, headers, "payload");

        assertThat(new String(withoutId, StandardCharsets.UTF_8)).startsWith("\u0001 {").containsOnlyOnce("\n");
        assertThat(Bodies.decode(withId)).isEqualTo(new Bodies.Decoded("15", headers, "\u0001payload\n"));
        assertThat(Bodies.decode(withoutId)).isEqualTo(new Bodies.Decoded(null, headers, "payload"));
    }

    @Test
    void theBodiesOfThePreviousVersion_readAsBefore() {
        assertThat(decode("\u000142\nretried")).isEqualTo(new Bodies.Decoded("42", Map.of(), "retried"));
        assertThat(decode("\u0001\n\u0001marked")).isEqualTo(new Bodies.Decoded(null, Map.of(), "\u0001marked"));
    }

    @Test
    void aForeignBodyStartingWithTheMarkButNoHeaderLine_isReadWhole() {
        for (String body : new String[] {"\u0001no header here", "\u00011 not json\npayload", "\u0001 {\"a\":\n", "\u0001 null\nx",
            "\u000112345678901234567890\nx"}) {
            assertThat(decode(body)).as(body).isEqualTo(new Bodies.Decoded(null, Map.of(), body));
        }
    }

    @Test
    void emptyPayload_isAnEmptyBody() {
        assertThat(Bodies.encode(null, Map.of(), "")).isEmpty();
        assertThat(Bodies.decode(new byte[0]).payload()).isEmpty();
    }
}
