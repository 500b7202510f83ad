package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCounts;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.UnsupportedCapabilityException;
import io.jobqueue.beanstalkd.internal.JobStats;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the conformance suite cannot see about reservations: leases as times to run, tokens, what
 * beanstalkd counts as a release, give-backs, counts, waits and flush. Against the shared server.
 */
class BeanstalkdBackendTest extends SharedServerQueues {

    @Test
    void touch_keepsAJobReserved_whileAnotherWhoseLeaseRanOut_comesBackWithoutARelease() {
        Queue queue = queue(Map.of("ttr", 2));
        queue.submitAll(List.of("kept", "lost"), SubmitOptions.DEFAULT);
        Message kept = queue.waitAndReserve(WAIT).orElseThrow();
        Message lost = queue.waitAndReserve(WAIT).orElseThrow();

        Message back = await("the unrenewed job to come back").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!queue.extendLease(kept)) {
                        Assumptions.abort("the machine was too slow: more than a 2 s lease passed between two renewals");
                    }
                    return queue.waitAndReserve(Duration.ZERO);
                }, Optional::isPresent).get();

        assertThat(back.id()).isEqualTo(lost.id());
        assertThat(back.numberOfReleases()).as("a lease that ran out is no release").isZero();
        assertThat(back.numberOfDeliveries()).isEqualTo(2);
        assertThat(stats(queue, back.id()).releases()).isZero();
        assertThat(queue.finish(lost)).as("the lost lease's token").isFalse();
        assertThat(queue.finish(kept)).as("the renewed job is still ours").isTrue();
        assertThat(queue.finish(back)).isTrue();
    }

    @Test
    void aHolderWhoseLeaseRanOut_changesNothing_evenBeforeTheMessageIsReservedAgain() {
        Queue queue = queue(Map.of("leaseTimeout", 1));
        String id = queue.submit("payload");
        Message stale = queue.waitAndReserve(WAIT).orElseThrow();

        await().atMost(WAIT).until(() -> queue.counts().ready() == 1); // the server ended the 1 s time to run

        assertThat(queue.release(stale, ReleaseOptions.DEFAULT)).isFalse();
        assertThat(queue.abort(stale, "late")).isFalse();
        assertThat(queue.extendLease(stale)).isFalse();
        assertThat(queue.finish(stale)).isFalse();
        assertThat(queue.counts().ready()).as("still ready, untouched").isEqualTo(1);
        assertThat(stats(queue, id)).extracting(JobStats::releases, JobStats::buries).containsExactly(0L, 0L);
    }

    @Test
    void aClosedConnection_givesItsJobsBackAtOnce_withoutARelease() {
        String name = Services.uniqueName("crash");
        Queue crashing = Queue.open(new BeanstalkdQueueFactory(), name, Map.of()); // 60 s lease
        crashing.submit("survives");
        Message held = crashing.waitAndReserve(WAIT).orElseThrow();
        Queue other = queue(name, Map.of());

        crashing.close(); // what a killed worker's connections do

        Message again = await().atMost(Duration.ofSeconds(10)).until(() -> other.waitAndReserve(Duration.ZERO), Optional::isPresent).get();
        assertThat(again.id()).isEqualTo(held.id());
        assertThat(again.numberOfReleases()).as("a worker that died is no failed attempt").isZero();
        assertThat(again.numberOfDeliveries()).isEqualTo(2);
        assertThat(again.token()).isNotEqualTo(held.token());
        assertThat(crashing.finish(held)).as("a closed queue holds nothing").isFalse();
    }

    @Test
    void theToken_namesJobReserveCountAndHoldingConnection() {
        Queue queue = queue(Map.of());
        String id = queue.submit("payload");

        Message first = queue.waitAndReserve(WAIT).orElseThrow();
        assertThat(queue.release(first, ReleaseOptions.DEFAULT)).isTrue();
        Message second = queue.waitAndReserve(WAIT).orElseThrow();

        assertThat(first.token()).matches(id + ":1:\\d+");
        assertThat(second.token()).matches(id + ":2:\\d+");
        assertThat(queue.finish(second)).isTrue();
    }

    @Test
    void aGiveBack_buriesAndKicksTheJob_soBeanstalkdCountsNoRelease() {
        Queue queue = queue(Map.of());
        String id = queue.submit("payload", SubmitOptions.prioritized(9));

        assertThat(queue.release(queue.waitAndReserve(WAIT).orElseThrow(), ReleaseOptions.GIVE_BACK)).isTrue();

        assertThat(stats(queue, id)).extracting(JobStats::state, JobStats::priority, JobStats::releases, JobStats::reserves)
                .containsExactly("ready", 9L, 0L, 1L);
        assertThat(queue.counts()).isEqualTo(new QueueCounts(1, 0, 0, 0));
        Message again = queue.waitAndReserve(WAIT).orElseThrow();
        assertThat(again.numberOfReleases()).isZero();
        assertThat(again.numberOfDeliveries()).isEqualTo(2);
    }

    @Test
    void aDelayedGiveBack_isDelayed_andCountedAsARelease_forBeanstalkdCanDelayOnlyByARelease() {
        Queue queue = queue(Map.of());
        String id = queue.submit("payload");

        assertThat(queue.release(queue.waitAndReserve(WAIT).orElseThrow(), new ReleaseOptions(Duration.ofSeconds(30), null, false)))
                .isTrue();

        assertThat(stats(queue, id)).extracting(JobStats::state, JobStats::releases).containsExactly("delayed", 1L);
    }

    @Test
    void release_withoutPriority_keepsTheJobsOwn_andWithADelay_delaysIt() {
        Queue queue = queue(Map.of());
        String id = queue.submit("payload", SubmitOptions.prioritized(7));
        Message reserved = queue.waitAndReserve(WAIT).orElseThrow();

        assertThat(queue.release(reserved, ReleaseOptions.delayed(Duration.ofMillis(4200)))).isTrue();

        assertThat(stats(queue, id)).extracting(JobStats::priority, JobStats::state).containsExactly(7L, "delayed");
        assertThat(queue.counts()).isEqualTo(new QueueCounts(0, 1, 0, 0));
    }

    @Test
    void counts_areTheTubesReadyDelayedReservedAndBuriedJobs() {
        Queue queue = queue(Map.of());
        queue.submitAll(List.of("ready", "reserved", "failed"), SubmitOptions.DEFAULT);
        queue.submit("delayed", SubmitOptions.delayed(Duration.ofMinutes(5)));
        Message reserved = queue.waitAndReserve(WAIT).orElseThrow();
        Message failing = queue.waitAndReserve(WAIT).orElseThrow();
        assertThat(queue.abort(failing, "broken")).isTrue();

        assertThat(queue.counts()).isEqualTo(new QueueCounts(1, 1, 1, 1));
        assertThat(queue.capabilities().has(Capability.COUNT_DELAYED)).isTrue();
        assertThat(queue.finish(reserved)).isTrue();
    }

    @Test
    void submitOptions_ttrIsHonoured_unknownExtrasAndNegativePrioritiesAreRefused() {
        Queue queue = queue(Map.of());

        String id = queue.submit("payload", SubmitOptions.DEFAULT.withExtra("ttr", 5));

        assertThat(stats(queue, id).ttr()).isEqualTo(5);
        assertThatThrownBy(() -> queue.submit("x", SubmitOptions.DEFAULT.withExtra("ttl", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ttl'").hasMessageContaining("'ttr'");
        assertThatThrownBy(() -> queue.submit("x", SubmitOptions.prioritized(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or more");
        assertThat(queue.countReady()).isEqualTo(1);
    }

    @Test
    void theLease_isTheTimeToRunOfEveryJob_underEitherName() {
        Queue byTtr = queue(Map.of("ttr", 7));
        Queue byLease = queue(Map.of("leaseTimeout", 2.5));

        assertThat(stats(byTtr, byTtr.submit("a")).ttr()).isEqualTo(7);
        assertThat(stats(byLease, byLease.submit("b")).ttr()).as("rounded up to whole seconds").isEqualTo(3);
        assertThat(byTtr.leaseTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void peek_ofMoreThanOne_isNotSupported() {
        Queue queue = queue(Map.of());

        assertThat(queue.capabilities().has(Capability.PEEK_MANY)).isFalse();
        assertThatThrownBy(() -> queue.peek(2)).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("peekMany").hasMessageContaining("beanstalkd");
    }

    @Test
    void listingDelayedMessages_isNotSupported_andTheCountsHaveNoOldestReadyAge() {
        Queue queue = queue(Map.of());
        queue.submit("delayed", SubmitOptions.delayed(Duration.ofMinutes(5)));
        queue.submit("ready");

        assertThat(queue.capabilities().has(Capability.LIST_DELAYED)).isFalse();
        assertThatThrownBy(() -> queue.listDelayed(10)).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("listDelayed").hasMessageContaining("beanstalkd");
        assertThat(queue.capabilities().has(Capability.OLDEST_READY_AGE)).isFalse();
        assertThat(queue.counts().oldestReady()).isEmpty();
        assertThat(queue.counts().delayed()).as("the delayed job is still counted").isEqualTo(1);
    }

    @Test
    void aWaitBelowASecond_isNotRoundedUpToOne() {
        Queue queue = queue(Map.of());

        long start = System.nanoTime();
        assertThat(queue.waitAndReserve(Duration.ofMillis(200))).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void batchReserve_withAOneSecondLease_stopsAtDeadlineSoonInsteadOfFailing() {
        Queue queue = queue(Map.of("ttr", 1));
        queue.submitAll(List.of("a", "b", "c"), SubmitOptions.DEFAULT);
        Set<String> reserved = new LinkedHashSet<>();

        for (int round = 0; round < 20 && reserved.size() < 3; round++) {
            List<Message> batch = queue.waitAndReserve(3, WAIT); // a held 1 s job makes its connection answer DEADLINE_SOON
            batch.forEach(m -> reserved.add(m.payload()));
            queue.finishAll(batch);
        }

        assertThat(reserved).containsExactly("a", "b", "c");
    }

    @Test
    void flush_leavesJobsReservedByAnotherConnection_whichOnlyTheirHolderCanDelete() {
        String name = Services.uniqueName("flush");
        Queue holder = queue(name, Map.of());
        Queue flusher = queue(name, Map.of());
        holder.submitAll(List.of("held", "ready"), SubmitOptions.DEFAULT);
        Message held = holder.waitAndReserve(WAIT).orElseThrow();

        flusher.flush();

        assertThat(flusher.counts()).isEqualTo(new QueueCounts(0, 0, 1, 0));
        assertThat(holder.finish(held)).isTrue();
    }
}
