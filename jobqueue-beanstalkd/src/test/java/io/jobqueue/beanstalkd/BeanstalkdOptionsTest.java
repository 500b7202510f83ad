package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options and names are checked when the queue is built, before any connection. */
class BeanstalkdOptionsTest {

    private static BeanstalkdOptions read(Map<String, Object> options) {
        return BeanstalkdOptions.from(new QueueContext("email", "email", options));
    }

    @Test
    void defaults_areThoseOfTheOriginalAndOfTheServer() {
        assertThat(read(Map.of())).isEqualTo(new BeanstalkdOptions("127.0.0.1", 11300, Duration.ofSeconds(60),
                Duration.ofSeconds(60), 65_535));
    }

    @Test
    void everyOption_isRead_andLeaseTimeoutIsAnotherNameForTtr() {
        BeanstalkdOptions options = read(Map.of("host", "beanstalk.local", "port", 11301, "defaultTimeout", 0.5,
                "ttr", 120, "maxJobSize", 1_048_576));

        assertThat(options).isEqualTo(new BeanstalkdOptions("beanstalk.local", 11301, Duration.ofMillis(500),
                Duration.ofSeconds(120), 1_048_576));
        assertThat(read(Map.of("leaseTimeout", 2.5)).ttr()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void anUnknownKey_isRefusedWithTheNearestKnownOne() {
        assertThatThrownBy(() -> read(Map.of("prot", 11300)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown option 'prot' for queue 'email'").hasMessageContaining("did you mean 'port'?");
    }

    @Test
    void badValues_areRefusedNamingQueueKeyAndValue() {
        assertThatThrownBy(() -> read(Map.of("port", 70_000))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'port'").hasMessageContaining("70000").hasMessageContaining("queue 'email'");
        assertThatThrownBy(() -> read(Map.of("ttr", 0))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'ttr'");
        assertThatThrownBy(() -> read(Map.of("maxJobSize", 0))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'maxJobSize'");
        assertThatThrownBy(() -> read(Map.of("defaultTimeout", "soon"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'defaultTimeout'");
        assertThatThrownBy(() -> read(Map.of("ttr", 30, "leaseTimeout", 60))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("give only one");
    }

    @Test
    void aQueueNameThatCannotBeATube_isRefused() {
        assertThatThrownBy(() -> new BeanstalkdQueue("-email", BeanstalkdOptions.DEFAULTS))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must not start with '-'");
        assertThatThrownBy(() -> new BeanstalkdQueue("e mail", BeanstalkdOptions.DEFAULTS))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("' '");
        assertThatThrownBy(() -> new BeanstalkdQueue("x".repeat(200), BeanstalkdOptions.DEFAULTS))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("at most 190");
        assertThatThrownBy(() -> new BeanstalkdQueue("email.jq-failed", BeanstalkdOptions.DEFAULTS))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("side tubes");
        assertThat(new BeanstalkdQueue("a-Z_0.9;$(x)/+", BeanstalkdOptions.DEFAULTS).name()).isEqualTo("a-Z_0.9;$(x)/+");
    }

    @Test
    void theAliasBeanstalkd_buildsThisQueueThroughTheQueueManager() {
        JobQueueSettings settings = JobQueueSettings.builder()
                .queue("email", QueueSettings.builder().className("beanstalkd").option("ttr", 30).build()).build();
        try (QueueManager queues = new QueueManager(settings)) {
            assertThat(queues.getQueue("email")).isInstanceOf(BeanstalkdQueue.class)
                    .extracting(q -> q.leaseTimeout()).isEqualTo(Duration.ofSeconds(30));
        }
    }
}
