package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobqueue.BackendException;
import io.jobqueue.Queue;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server in drain mode (SIGUSR1) refuses new jobs with DRAINING; what it holds can still be worked off. */
class DrainModeTest {

    @Test
    void submit_toADrainingServer_failsWithAClearMessage_whileReservingGoesOn() throws Exception {
        try (BeanstalkdServer server = BeanstalkdServer.start();
                Queue queue = Queue.open(new BeanstalkdQueueFactory(), Services.uniqueName("drain"), Map.of("port", server.port()))) {
            queue.submit("before");

            server.drain();

            BeanstalkdException refused = await("the server to drain").atMost(Duration.ofSeconds(10))
                    .until(() -> submitFailure(queue), e -> e != null);
            assertThat(refused).isInstanceOf(BackendException.class).hasMessageContaining("drain mode")
                    .hasMessageContaining("queue '" + queue.name() + "'");
            assertThat(refused.reply()).isEqualTo("DRAINING");
            assertThat(queue.waitAndReserve(Duration.ofSeconds(5))).as("jobs already there can still be reserved").isPresent();
        }
    }

    private static BeanstalkdException submitFailure(Queue queue) {
        try {
            queue.submit("during");
            return null;
        } catch (BeanstalkdException e) {
            return e;
        }
    }

    @Test
    void anUnreachableServer_isABackendExceptionNamingIt() {
        Queue queue = Queue.open(new BeanstalkdQueueFactory(), "nowhere", Map.of("port", 1));

        assertThatThrownBy(queue::setUp).isInstanceOf(BeanstalkdException.class)
                .hasMessageContaining("cannot connect to beanstalkd at 127.0.0.1:1").hasMessageContaining("queue 'nowhere'");
        queue.close();
    }
}
