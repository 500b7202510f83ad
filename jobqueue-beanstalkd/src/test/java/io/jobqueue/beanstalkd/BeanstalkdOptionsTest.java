package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options and names are checked when the queue is built, before any connection. */
class BeanstalkdOptionsTest {

    private static BeanstalkdOptions read(Map<String, Object> options) {
        return BeanstalkdOptions.from(QueueContext.of("email", "email", options, new BeanstalkdQueueFactory().leaseTimeoutAlias()));
    }

    private static Queue open(String name, Map<String, Object> options) {
        return Queue.open(new BeanstalkdQueueFactory(), name, options);
    }

    @Test
    void defaults_areThoseOfTheOriginalAndOfTheServer() {
        assertThat(read(Map.of())).isEqualTo(new BeanstalkdOptions("127.0.0.1", 11300, 65_535, false));
        assertThat(read(Map.of())).isEqualTo(BeanstalkdOptions.DEFAULTS);
    }

    @Test
    void everyOption_isRead_andTheSharedTimeoutsAreLeftToTheCore() {
        BeanstalkdOptions options = read(Map.of("host", "beanstalk.local", "port", 11301, "defaultTimeout", 0.5,
                "ttr", 120, "maxJobSize", 1_048_576, "adoptTube", true));

        assertThat(options).isEqualTo(new BeanstalkdOptions("beanstalk.local", 11301, 1_048_576, true));
    }

    @Test
    void ttr_isAnotherNameOfTheLease_andDefaultTimeoutIsTheCores() {
        try (Queue byTtr = open("email", Map.of("ttr", 120, "defaultTimeout", 0.5));
                Queue byLease = open("email", Map.of("leaseTimeout", 2.5));
                Queue byDefault = open("email", Map.of())) {
            assertThat(byTtr.leaseTimeout()).isEqualTo(Duration.ofSeconds(120));
            assertThat(byTtr.defaultTimeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(byLease.leaseTimeout()).isEqualTo(Duration.ofMillis(2500));
            assertThat(byDefault.leaseTimeout()).isEqualTo(Duration.ofSeconds(60));
        }
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
        assertThatThrownBy(() -> read(Map.of("maxJobSize", 0))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'maxJobSize'");
        assertThatThrownBy(() -> open("email", Map.of("ttr", 0))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'leaseTimeout'");
        assertThatThrownBy(() -> open("email", Map.of("defaultTimeout", "soon"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'defaultTimeout'");
        assertThatThrownBy(() -> open("email", Map.of("ttr", 30, "leaseTimeout", 60))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("give only one");
    }

    @Test
    void aQueueNameThatCannotBeATube_isRefused() {
        assertThatThrownBy(() -> open("-email", Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must not start with '-'");
        assertThatThrownBy(() -> open("e mail", Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("' '");
        assertThatThrownBy(() -> open("x".repeat(200), Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("at most 190");
        assertThatThrownBy(() -> open("email.jq-failed", Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("side tubes");
        try (Queue queue = open("a-Z_0.9;$(x)/+", Map.of())) {
            assertThat(queue.name()).isEqualTo("a-Z_0.9;$(x)/+");
        }
    }

    @Test
    void theAliasBeanstalkd_buildsThisBackendThroughTheQueueManager() {
        JobQueueSettings settings = JobQueueSettings.builder()
                .queue("email", QueueSettings.builder().className("beanstalkd").option("ttr", 30).build()).build();
        try (QueueManager queues = new QueueManager(settings)) {
            Queue queue = queues.getQueue("email");
            assertThat(queue.backend(BeanstalkdBackend.class)).isPresent();
            assertThat(queue.leaseTimeout()).isEqualTo(Duration.ofSeconds(30));
        }
    }
}
