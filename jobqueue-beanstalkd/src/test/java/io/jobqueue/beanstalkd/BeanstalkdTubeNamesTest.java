package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A queue's tube is its prefixed name, taken as it is: two configured queues that would use the
 * same tube on the same server are refused naming both, tube names are case-sensitive (beanstalkd
 * does not fold them), and names that are not the queue's to take (beanstalkd's shared
 * {@code default} tube, the side tubes of another queue) are refused. Against the shared server.
 */
class BeanstalkdTubeNamesTest {

    private final TubeCleaner cleaner = new TubeCleaner(11300);

    @BeforeAll
    static void server() {
        Services.assumeReachable("beanstalkd", "127.0.0.1", 11300);
    }

    @AfterEach
    void cleanUp() {
        cleaner.close();
    }

    @Test
    void twoConfiguredQueues_onTheSameTubeAndServer_areRefused_namingBoth() {
        String prefix = Services.uniqueName("p") + "-";
        JobQueueSettings settings = JobQueueSettings.builder()
                .queue("b", QueueSettings.builder().className("beanstalkd").queueNamePrefix(prefix).build())
                .queue(prefix + "b", QueueSettings.builder().className("beanstalkd").option("host", "127.0.0.1").build())
                .build();

        try (QueueManager queues = new QueueManager(settings)) {
            for (String queue : List.of("b", prefix + "b")) {
                assertThat(catchThrowable(() -> queues.getQueue(queue))).as("getQueue(%s)", queue)
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("'b'").hasMessageContaining("'" + prefix + "b'")
                        .hasMessageContaining("127.0.0.1:11300 tube " + prefix + "b");
            }
        }
    }

    @Test
    void theSameTube_onAnotherServer_isAnotherQueue() {
        String name = Services.uniqueName("srv");
        JobQueueSettings settings = JobQueueSettings.builder()
                .queue("a", QueueSettings.builder().className("beanstalkd").queueNamePrefix(name).build())
                .queue(name + "a", QueueSettings.builder().className("beanstalkd").option("port", 11301).build())
                .build();

        try (QueueManager queues = new QueueManager(settings)) {
            assertThat(queues.getQueue("a")).isNotNull();
            assertThat(queues.getQueue(name + "a")).isNotNull(); // built, not connected
        }
    }

    @Test
    void tubeNames_areCaseSensitive_soNamesThatDifferInCase_areTwoQueues() {
        String lower = Services.uniqueName("case");
        String upper = lower.toUpperCase();
        try (Queue small = queue(lower); Queue capital = queue(upper)) {
            small.submit("for the lower-case tube");

            assertThat(capital.countReady()).isZero();
            assertThat(capital.waitAndTake(Duration.ZERO)).isEmpty();
            assertThat(small.waitAndTake(Duration.ZERO)).isPresent();
            assertThat(new BeanstalkdQueueFactory().location(QueueContext.of(lower, Map.of())))
                    .isNotEqualTo(new BeanstalkdQueueFactory().location(QueueContext.of(upper, Map.of())));
        }
    }

    @Test
    void location_isServerAndTube() {
        assertThat(new BeanstalkdQueueFactory().location(QueueContext.of("p-mail", "mail",
                Map.of("host", "Beanstalk.Example", "port", 11301), "ttr")))
                .contains("beanstalk.example:11301 tube p-mail");
    }

    @Test
    void theSharedDefaultTube_andTheSideTubesOfAQueue_cannotBeQueues() {
        assertThat(catchThrowable(() -> open("default")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'default'")
                .hasMessageContaining("queueNamePrefix");
        for (String side : List.of("mail.jq-failed", "mail.jq-owner")) {
            assertThat(catchThrowable(() -> open(side))).as(side)
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("side tube");
        }
        try (Queue capital = open("Default")) {
            assertThat(capital.name()).as("another tube than beanstalkd's 'default'").isEqualTo("Default");
        }
    }

    private Queue queue(String name) {
        cleaner.track(name);
        return open(name);
    }

    private static Queue open(String name) {
        return Queue.open(new BeanstalkdQueueFactory(), name, Map.of());
    }
}
