package io.jobqueue.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Option {@code retainFinished}: durations with their unit, a map of age and count, off; every bad
 * value is one line naming the queue, the option and the value; a backend that cannot keep finished
 * messages refuses it at start-up.
 */
class FinishedRetentionTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "30s, 30000", "15m, 900000", "1h, 3600000", "7d, 604800000", "1.5h, 5400000", "2H, 7200000"})
    void aDurationWithItsUnit_isAnAge(String text, long millis) {
        FinishedRetention retention = FinishedRetention.parse("mail", text);

        assertThat(retention.maxAge()).isEqualTo(Duration.ofMillis(millis));
        assertThat(retention.maxCount()).isZero();
        assertThat(retention.isOn()).isTrue();
    }

    @Test
    void aMap_givesAgeAndCount() {
        assertThat(FinishedRetention.parse("mail", Map.of("age", "1d", "count", 10_000)))
                .isEqualTo(new FinishedRetention(Duration.ofDays(1), 10_000));
        assertThat(FinishedRetention.parse("mail", Map.of("count", "25"))).isEqualTo(FinishedRetention.forCount(25));
        assertThat(FinishedRetention.parse("mail", Map.of("count", 25)).toString()).isEqualTo("{count: 25}");
        assertThat(FinishedRetention.parse("mail", Map.of("age", "90m")).toString()).isEqualTo("90m");
    }

    @Test
    void absentOrOff_keepsNothing() {
        assertThat(FinishedRetention.parse("mail", null).isOn()).isFalse();
        assertThat(FinishedRetention.parse("mail", false)).isEqualTo(FinishedRetention.NONE);
        assertThat(FinishedRetention.parse("mail", "off")).isEqualTo(FinishedRetention.NONE);
        assertThat(QueueContext.of("mail", Map.of()).retainFinished()).isEqualTo(FinishedRetention.NONE);
        assertThat(QueueContext.of("mail", Map.of("retainFinished", "1h")).retainFinished())
                .isEqualTo(FinishedRetention.forAge(Duration.ofHours(1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3600  | option 'retainFinished' of queue 'mail' must be a duration with its unit (500ms, 30s, 15m, 1h, 7d) or {age: 1h, count: 10000}, was '3600'",
            "1 hour| option 'retainFinished' of queue 'mail' must be a duration with its unit (500ms, 30s, 15m, 1h, 7d) or {age: 1h, count: 10000}, was '1 hour'",
            "-1h   | option 'retainFinished' of queue 'mail' must be a duration with its unit (500ms, 30s, 15m, 1h, 7d) or {age: 1h, count: 10000}, was '-1h'",
            "NaNh  | option 'retainFinished' of queue 'mail' must be a duration with its unit (500ms, 30s, 15m, 1h, 7d) or {age: 1h, count: 10000}, was 'NaNh'",
            "0s    | option 'retainFinished' of queue 'mail' must be between 1ms and 3650d, was '0s'",
            "99999d| option 'retainFinished' of queue 'mail' must be between 1ms and 3650d, was '99999d'"})
    void aBadDuration_isOneLineNamingQueueOptionAndValue(String value, String message) {
        assertThatThrownBy(() -> FinishedRetention.parse("mail", value.strip())).isInstanceOf(ConfigurationException.class)
                .hasMessage(message);
    }

    @Test
    void aBadMap_isOneLineNamingTheKey() {
        assertThatThrownBy(() -> FinishedRetention.parse("mail", Map.of("cuont", 5))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("unknown key 'cuont' in option 'retainFinished' of queue 'mail'")
                .hasMessageContaining("'count'");
        assertThatThrownBy(() -> FinishedRetention.parse("mail", Map.of("count", 0))).isInstanceOf(ConfigurationException.class)
                .hasMessage("option 'retainFinished.count' of queue 'mail' must be a whole number from 1 to 1000000000, was '0'");
        assertThatThrownBy(() -> FinishedRetention.parse("mail", Map.of("count", 2.5))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("was '2.5'");
        assertThatThrownBy(() -> FinishedRetention.parse("mail", Map.of("age", 60))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("option 'retainFinished.age' of queue 'mail' must be a duration with its unit");
        assertThatThrownBy(() -> FinishedRetention.parse("mail", Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("names neither an age nor a count");
    }

    @Test
    void aBackendThatCannotKeepThem_refusesTheOptionAtStartUp() {
        JobQueueSettings settings = JobQueueSettings.fromMap(Map.of("queues", Map.of("inline",
                Map.of("className", "fake", "options", Map.of("retainFinished", "1h")))), "test");

        assertThatThrownBy(() -> new QueueManager(settings).getQueue("inline")).isInstanceOf(ConfigurationException.class)
                .hasMessage("option 'retainFinished' of queue 'inline' asks to keep finished messages (1h), which the fake"
                        + " backend cannot do; remove the option, or use a backend that keeps them (memory, jdbc, redis)");
    }
}
