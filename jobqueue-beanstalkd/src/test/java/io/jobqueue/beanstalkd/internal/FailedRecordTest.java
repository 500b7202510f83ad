package io.jobqueue.beanstalkd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedRecordTest {

    @Test
    void encodeThenDecode_keepsEveryField() {
        Instant at = Instant.ofEpochMilli(1_700_000_000_123L);

        byte[] bytes = FailedRecord.encode(41, "17", 2, at, "boom: \"quoted\"\nsecond line", 65_535);
        FailedRecord record = FailedRecord.decode(900, bytes);

        assertThat(record).isEqualTo(new FailedRecord(900, 41, "17", 2, at, "boom: \"quoted\"\nsecond line"));
    }

    @Test
    void aReasonTooLongForTheJobSizeLimit_isCutAtACharacterBoundary() {
        String reason = "€".repeat(1000); // three bytes each

        byte[] bytes = FailedRecord.encode(1, "1", 1, Instant.now(), reason, 500);
        FailedRecord record = FailedRecord.decode(2, bytes);

        assertThat(bytes.length).isLessThanOrEqualTo(500);
        assertThat(record.reason()).isNotEmpty().matches("€+");
        assertThat(record.reason().getBytes(StandardCharsets.UTF_8).length).isEqualTo(record.reason().length() * 3);
    }

    @Test
    void decode_ofAJobThatIsNoRecord_returnsNull() {
        assertThat(FailedRecord.decode(1, "hello".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(FailedRecord.decode(1, "jq1 a b c d\nreason".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
