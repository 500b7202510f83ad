package io.jobqueue.spring.internal;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/** The {@code management.health.jobqueue.*} properties of the JobQueue health contributor. */
@ConfigurationProperties(prefix = "management.health.jobqueue")
public class HealthIndicatorProperties {

    /** Whether the jobqueue health contributor is enabled. */
    private boolean enabled = true;
    /**
     * The longest time the health waits for the counts of the queues (read in parallel); a queue that
     * has not answered by then is DOWN (a number is seconds).
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration timeout = Duration.ofSeconds(3);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
