package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deliveries are not attempts: every reservation adds a delivery, only a release that ends an
 * attempt adds a release, a give-back adds none, and a retried failed message starts from zero.
 */
abstract class DeliveriesTests extends ConformanceSupport {

    @Test
    void aNewMessage_isDeliveredOnce_withNoRelease() {
        requires(Capability.RESERVE);
        queue.submit("payload");

        Message message = reserve(queue);

        assertThat(message.numberOfDeliveries()).as("deliveries of a first reservation").isEqualTo(1);
        assertThat(message.numberOfReleases()).as("releases of a first reservation").isZero();
    }

    @Test
    void aReleaseThatEndsAnAttempt_addsARelease_andTheNextReservationADelivery() {
        requires(Capability.RESERVE);
        queue.submit("payload");
        assertThat(queue.release(reserve(queue), ReleaseOptions.DEFAULT)).isTrue();

        Message again = reserve(queue);

        assertThat(again.numberOfReleases()).isEqualTo(1);
        assertThat(again.numberOfDeliveries()).isEqualTo(2);
    }

    @Test
    void aGiveBack_keepsTheReleaseCount() {
        requires(Capability.RESERVE);
        queue.submit("payload");
        assertThat(queue.release(reserve(queue), ReleaseOptions.DEFAULT)).isTrue();
        assertThat(queue.release(reserve(queue), ReleaseOptions.GIVE_BACK)).as("a give-back").isTrue();

        Message again = reserve(queue);

        assertThat(again.numberOfReleases()).as("releases after one release and one give-back").isEqualTo(1);
        assertThat(again.numberOfDeliveries()).as("deliveries after three reservations").isEqualTo(3);
    }

    @Test
    void aMessageNamedTwiceInOneBatch_isReleasedOnce() {
        requires(Capability.RESERVE);
        queue.submit("payload");
        Message message = reserve(queue);

        assertThat(queue.releaseAll(List.of(message, message), ReleaseOptions.DEFAULT)).as("ids released")
                .containsExactly(message.id());

        Message again = reserve(queue);
        assertThat(again.numberOfReleases()).as("releases after one release named twice").isEqualTo(1);
        assertThat(again.numberOfDeliveries()).isEqualTo(2);
    }

    @Test
    void aFailedMessage_countsTheDeliveryThatEndedInTheAbort() {
        requires(Capability.RESERVE, Capability.FAILED_STORE);
        queue.submit("payload");
        assertThat(queue.release(reserve(queue), ReleaseOptions.DEFAULT)).isTrue();
        assertThat(queue.abort(reserve(queue), "made to fail")).isTrue();

        assertThat(queue.listFailed(1)).singleElement().satisfies(failed -> {
            assertThat(failed.message().numberOfReleases()).as("releases of the failed message").isEqualTo(1);
            assertThat(failed.message().numberOfDeliveries()).as("deliveries of the failed message").isEqualTo(2);
        });
    }

    @Test
    void aRetriedFailedMessage_startsWithNoReleasesAndNoEarlierDeliveries() {
        requires(Capability.RESERVE, Capability.FAILED_STORE);
        queue.submit("payload");
        assertThat(queue.release(reserve(queue), ReleaseOptions.DEFAULT)).isTrue();
        Message failing = reserve(queue);
        assertThat(queue.abort(failing, "made to fail")).isTrue();
        assertThat(queue.retryFailed(failing.id())).isTrue();

        Message retried = reserve(queue);

        assertThat(retried.numberOfReleases()).isZero();
        assertThat(retried.numberOfDeliveries()).isEqualTo(1);
    }
}
