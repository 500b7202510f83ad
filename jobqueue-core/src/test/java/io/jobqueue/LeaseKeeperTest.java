package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.internal.HeldMessage;
import io.jobqueue.internal.LeaseKeeper;
import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.spi.QueueContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The worker's lease keeper on a manual clock: which leases it renews, and when it says one is lost. */
class LeaseKeeperTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final List<String> lost = new CopyOnWriteArrayList<>();
    private final InMemoryBackend memory = new InMemoryBackend(Duration.ofMinutes(10), System::nanoTime, Clock.systemUTC());
    private final Queue backend = Queue.of(QueueContext.of("keeper", Map.of()), memory);
    private volatile Set<String> gone = Set.of();
    private volatile boolean unreachable;

    /** Reports a lease time of 3 s; forgets the ids in {@code gone}; throws while unreachable. */
    private final Queue queue = Queue.of(QueueContext.of("keeper", Map.of("leaseTimeout", 3)), new ForwardingBackend(memory) {
        @Override
        public Set<String> extendLeases(List<Message> messages) {
            if (unreachable) {
                throw new BackendException("connection refused (planned)", "keeper", null);
            }
            Set<String> renewed = new HashSet<>(super.extendLeases(messages));
            renewed.removeAll(gone);
            return renewed;
        }
    });

    private final LeaseKeeper keeper = new LeaseKeeper(Map.of("q", queue), clock::get,
            (name, q, message, why) -> lost.add(message.id() + ": " + why));

    private HeldMessage reserveAndHold() {
        long requestedAt = keeper.now();
        Message message = backend.waitAndReserve(Duration.ZERO).orElseThrow();
        return keeper.hold("q", message, requestedAt);
    }

    @Test
    void renewalsThatSucceed_keepEveryLeaseHeld() {
        backend.submitAll(List.of("a", "b"), SubmitOptions.DEFAULT);
        HeldMessage a = reserveAndHold();
        HeldMessage b = reserveAndHold();

        for (int i = 0; i < 10; i++) {
            clock.addAndGet(SECOND);
            keeper.renew();
            keeper.expire();
        }

        assertThat(lost).isEmpty();
        assertThat(a.held()).isTrue();
        assertThat(b.held()).isTrue();
    }

    @Test
    void aRenewalThatLeavesOneOut_reportsThatOneLost_once() {
        backend.submitAll(List.of("a", "b", "c"), SubmitOptions.DEFAULT);
        HeldMessage a = reserveAndHold();
        HeldMessage b = reserveAndHold();
        HeldMessage c = reserveAndHold();
        keeper.forget("q", c.id()); // finished meanwhile: not a loss
        gone = Set.of(b.id(), c.id());

        keeper.renew();
        keeper.renew();

        assertThat(lost).containsExactly(b.id() + ": the backend no longer holds its reservation for this worker");
        assertThat(a.held()).isTrue();
        assertThat(b.held()).isFalse();
    }

    @Test
    void renewalsFailingForLongerThanTheLease_loseItOnThisClock_countedFromBeforeTheLastGoodRequest() {
        backend.submit("a");
        HeldMessage a = reserveAndHold();
        clock.addAndGet(SECOND);
        keeper.renew(); // held until 1 s + 3 s from the start
        unreachable = true;

        clock.addAndGet(2 * SECOND);
        keeper.renew();
        keeper.expire();
        assertThat(lost).as("3 s after the last good renewal's request").isEmpty();

        clock.addAndGet(SECOND + 1);
        keeper.renew();
        keeper.expire();
        assertThat(lost).containsExactly(a.id() + ": its lease ran out on this worker's clock: renewals failed for longer than the lease");
        assertThat(a.held()).isFalse();
    }

    @Test
    void aLeaseLostAfterItsJobEnded_isNotReported() {
        backend.submit("a");
        HeldMessage a = reserveAndHold();
        a.jobStarted();
        a.jobEnded(); // succeeded, its finish on the way
        gone = Set.of(a.id());

        keeper.renew();
        clock.addAndGet(10 * SECOND);
        keeper.expire();

        assertThat(lost).isEmpty();
    }

    @Test
    void aQueueWithoutLeases_holdsItsMessagesWithoutAskingForALeaseTime_andNeverLosesThem() {
        Queue noLeases = Queue.of(QueueContext.of("n", Map.of()), new ForwardingBackend(memory) {
            @Override
            public QueueCapabilities capabilities() {
                return super.capabilities().without(Capability.LEASES);
            }

            @Override
            public Set<String> extendLeases(List<Message> messages) {
                throw new AssertionError("a queue without leases is never asked to renew");
            }
        });
        LeaseKeeper withoutLeases = new LeaseKeeper(Map.of("n", noLeases), clock::get, (name, q, message, why) -> lost.add(message.id()));
        backend.submit("a");
        long requestedAt = withoutLeases.now();
        HeldMessage a = withoutLeases.hold("n", backend.waitAndReserve(Duration.ZERO).orElseThrow(), requestedAt);

        clock.addAndGet(3600 * SECOND);
        withoutLeases.renew();
        withoutLeases.expire();

        assertThat(lost).isEmpty();
        assertThat(a.held()).isTrue();
    }
}
