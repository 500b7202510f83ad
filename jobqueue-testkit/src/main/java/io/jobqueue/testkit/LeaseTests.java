package io.jobqueue.testkit;

import io.jobqueue.Capability;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Leases: a reservation that is not renewed runs out and the message comes back (one more delivery,
 * the same release count); renewing keeps it; and a holder whose lease ran out cannot disturb whoever holds the
 * message now. Every test uses a queue with a one-second lease.
 */
abstract class LeaseTests extends ConformanceSupport {

    private Queue leased;

    @BeforeEach
    final void createLeasedQueue() {
        requires(Capability.RESERVE, Capability.LEASES);
        leased = newQueue(options("leaseTimeout", LEASE.toMillis() / 1000.0));
    }

    @Test
    void leaseTimeout_reportsTheConfiguredOption() {
        assertThat(leased.leaseTimeout()).isEqualTo(LEASE);
        Queue fractional = newQueue(options("leaseTimeout", 2.5));
        assertThat(fractional.leaseTimeout()).as("a fractional leaseTimeout of 2.5 s").isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void leaseExpiry_returnsTheMessageWithOneMoreDelivery_notARelease() {
        leased.submit("payload");
        Message first = reserve(leased);

        Message again = awaitValue("the message to come back after its lease ran out",
                () -> leased.waitAndReserve(Duration.ZERO), Optional::isPresent).get();

        assertThat(again.payload()).isEqualTo("payload");
        assertThat(again.numberOfReleases()).as("a lease that ran out is not a failed attempt of the job")
                .isEqualTo(first.numberOfReleases());
        assertThat(again.numberOfDeliveries()).as("but it was delivered once more").isEqualTo(first.numberOfDeliveries() + 1);
        assertThat(again.token()).as("the new reservation's token").isNotEqualTo(first.token());
    }

    @Test
    void leaseExpiry_countsTheMessageAsReadyAgain() {
        leased.submit("payload");
        reserve(leased);

        awaitValue("countReady to see the message whose lease ran out", leased::countReady, count -> count == 1L);
        if (supports(Capability.COUNT_RESERVED)) {
            assertThat(leased.countReserved()).as("countReserved after the lease ran out").isZero();
        }
        assertThat(leased.peek(1)).extracting(Message::payload, Message::numberOfReleases, Message::numberOfDeliveries)
                .as("payload, releases and deliveries of the message whose lease ran out").containsExactly(tuple("payload", 0, 1));
    }

    @Test
    void extendLease_keepsTheMessageReservedPastTheOriginalLease() {
        leased.submit("payload");
        Message held = reserve(leased);
        long reservedAt = System.nanoTime();
        long lastRenewal = reservedAt;
        long step = LEASE.toNanos() / 5;

        // Renew every fifth of a lease until two and a half leases have passed.
        for (int i = 0; i < 50 && System.nanoTime() - reservedAt < LEASE.toNanos() * 5 / 2; i++) {
            long renewedAt = lastRenewal;
            Awaitility.await("a fifth of the lease to pass").pollInterval(Duration.ofMillis(10))
                    .atMost(LEASE.multipliedBy(10)).until(() -> System.nanoTime() - renewedAt >= step);
            long sinceRenewal = System.nanoTime() - lastRenewal;
            if (sinceRenewal > LEASE.toNanos() * 4 / 5) {
                Assumptions.abort("the machine was too slow: " + sinceRenewal / 1_000_000
                        + " ms passed between two renewals of a " + LEASE.toMillis() + " ms lease");
            }
            assertThat(leased.extendLease(held)).as("extendLease %d", i + 1).isTrue();
            lastRenewal = System.nanoTime();
            assertThat(leased.waitAndReserve(Duration.ZERO)).as("another reserver while the lease is renewed")
                    .isEmpty();
        }

        assertThat(leased.countReady()).isZero();
        assertThat(leased.finish(held)).as("finish by the holder that kept renewing").isTrue();
    }

    @Test
    void extendLeases_returnsTheIdsWhoseLeasesWereRenewed() {
        leased.submitAll(List.of("a", "b"), SubmitOptions.DEFAULT);
        Message a = reserve(leased);
        Message b = reserve(leased);

        assertThat(leased.extendLeases(List.of(a, b, unknownMessage()))).containsExactlyInAnyOrder(a.id(), b.id());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    void operation_afterTheLeaseRanOut_returnsFalseAndLeavesTheMessageReady(Operation operation) {
        requires(operation.required());
        leased.submit("payload");
        Message held = reserve(leased);
        awaitValue("countReady to see the message whose lease ran out", leased::countReady, count -> count == 1L);

        assertThat(operation.applyTo(leased, held)).as("%s after the lease ran out", operation.describe(held))
                .isFalse();
        assertThat(leased.countReady()).isEqualTo(1);
        assertThat(leased.countFailed()).isZero();
    }
}
