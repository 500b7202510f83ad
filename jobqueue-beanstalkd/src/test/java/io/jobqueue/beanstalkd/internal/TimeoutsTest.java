package io.jobqueue.beanstalkd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    void wholeSecondsUp_neverShortensADuration() {
        assertThat(Timeouts.wholeSecondsUp(null)).isZero();
        assertThat(Timeouts.wholeSecondsUp(Duration.ZERO)).isZero();
        assertThat(Timeouts.wholeSecondsUp(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(Timeouts.wholeSecondsUp(Duration.ofMillis(1000))).isEqualTo(1);
        assertThat(Timeouts.wholeSecondsUp(Duration.ofMillis(2500))).isEqualTo(3);
        assertThat(Timeouts.wholeSecondsUp(Duration.ofDays(100_000))).as("capped at 2^32 - 1").isEqualTo(4_294_967_295L);
    }
}
