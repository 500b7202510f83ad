package io.jobqueue.beanstalkd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyTest {

    @Test
    void parse_readsTheWordAndTheFirstNumber() {
        assertThat(Reply.parse("INSERTED 17", null).number()).isEqualTo(17);
        assertThat(Reply.parse("RESERVED 5 120", new byte[0]).number()).isEqualTo(5);
        assertThat(Reply.secondNumber("RESERVED 5 120")).isEqualTo(120);
        assertThat(Reply.parse("USING email", null).number()).isEqualTo(-1);
        assertThat(Reply.parse("TIMED_OUT", null).word()).isEqualTo("TIMED_OUT");
    }

    @Test
    void errorWords_areErrorsWhateverTheCommand() {
        for (String word : new String[] {"OUT_OF_MEMORY", "INTERNAL_ERROR", "DRAINING", "BAD_FORMAT", "UNKNOWN_COMMAND",
                "EXPECTED_CRLF", "JOB_TOO_BIG"}) {
            assertThat(Reply.parse(word, null).isError()).as(word).isTrue();
        }
        assertThat(Reply.parse("NOT_FOUND", null).isError()).as("an answer, not an error").isFalse();
    }

    @Test
    void dictionaryAndList_readTheYamlOfStatsAndListTubes() {
        Reply stats = new Reply("OK", "OK 40", 40, "---\ncurrent-jobs-ready: 3\nname: email\n".getBytes(StandardCharsets.US_ASCII));
        Reply tubes = new Reply("OK", "OK 20", 20, "---\n- default\n- email\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(stats.dictionary()).containsEntry("current-jobs-ready", "3").containsEntry("name", "email");
        assertThat(tubes.list()).containsExactly("default", "email");
    }
}
