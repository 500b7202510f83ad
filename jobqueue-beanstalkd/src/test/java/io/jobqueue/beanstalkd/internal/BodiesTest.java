package io.jobqueue.beanstalkd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodiesTest {

    @Test
    void encode_ofAPlainPayload_isItsUtf8BytesAndNothingElse() {
        String payload = "{\"job\":\"x\"}\r\nGrüße 😀";

        byte[] body = Bodies.encode(payload);

        assertThat(body).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(Bodies.payload(body)).isEqualTo(payload);
        assertThat(Bodies.messageId(42, body)).isEqualTo("42");
    }

    @Test
    void encode_ofAPayloadStartingWithTheMark_addsAnEmptyHeader_soItReadsBackUnchanged() {
        String payload = "\u0001123\nlooks like a header";

        byte[] body = Bodies.encode(payload);

        assertThat(body).startsWith(0x01, '\n');
        assertThat(Bodies.payload(body)).isEqualTo(payload);
        assertThat(Bodies.messageId(7, body)).as("an empty header names no id: the job id is the message id").isEqualTo("7");
    }

    @Test
    void encode_withAMessageId_keepsThatIdInANewJob() {
        byte[] body = Bodies.encode("15", "payload");

        assertThat(Bodies.messageId(99, body)).isEqualTo("15");
        assertThat(Bodies.payload(body)).isEqualTo("payload");
    }

    @Test
    void aForeignBodyStartingWithTheMarkButNoHeader_isReadWhole() {
        byte[] body = "\u0001no header here".getBytes(StandardCharsets.UTF_8);

        assertThat(Bodies.payload(body)).isEqualTo("\u0001no header here");
        assertThat(Bodies.messageId(3, body)).isEqualTo("3");
    }

    @Test
    void emptyPayload_isAnEmptyBody() {
        assertThat(Bodies.encode("")).isEmpty();
        assertThat(Bodies.payload(new byte[0])).isEmpty();
    }
}
