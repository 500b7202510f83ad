package io.jobqueue.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only text that is a row id exactly as the backend prints it names a row; anything else never reaches SQL. */
class MessageIdsTest {

    @Test
    void parseExact_acceptsPrintedRowIdsOnly() {
        assertThat(MessageIds.parseExact("1")).isEqualTo(1L);
        assertThat(MessageIds.parseExact("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        for (String text : new String[] {null, "", " 1", "1 ", "+1", "-1", "01", "1e3", "0x1", "1; DROP TABLE t",
                "9223372036854775808", "9".repeat(5_000), "١"}) {
            assertThat(MessageIds.parseExact(text)).as("parseExact(%s)", text == null ? "null" : "\"" + text + "\"").isNull();
        }
    }
}
