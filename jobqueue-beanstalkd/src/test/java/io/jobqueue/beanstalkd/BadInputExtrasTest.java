package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.testkit.Services;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** beanstalkd declares the submit extra it reads, {@code ttr}; the core refuses any other before the server is asked. */
class BadInputExtrasTest {

    @Test
    void ttr_isTakenAsASubmitOption_anotherExtraIsRefusedNamingTheKeysTaken() {
        Services.assumeReachable("beanstalkd", "127.0.0.1", 11300);
        try (Queue queue = Queue.open(new BeanstalkdQueueFactory(), Services.uniqueName("bi-extras"), Map.of())) {
            queue.setUp();
            try {
                queue.submit("with ttr", SubmitOptions.fromMap(Map.of("ttr", 30)));
                assertThat(queue.counts().ready()).isEqualTo(1);

                assertThatThrownBy(() -> queue.submit("typo", SubmitOptions.fromMap(Map.of("tr", 30))))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("unknown submit option 'tr' for queue '" + queue.name() + "' (beanstalkd)")
                        .hasMessageContaining("did you mean 'ttr'?")
                        .hasMessageContaining("it takes delay, priority, ttr");
                assertThat(queue.counts().ready()).isEqualTo(1);
            } finally {
                queue.flush();
            }
        }
    }
}
