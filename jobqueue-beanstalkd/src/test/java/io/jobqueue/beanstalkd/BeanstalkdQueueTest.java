package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.beanstalkd.internal.BeanstalkClient;
import io.jobqueue.beanstalkd.internal.Endpoint;
import io.jobqueue.beanstalkd.internal.JobStats;
import io.jobqueue.beanstalkd.internal.RawJob;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the conformance suite cannot see: how the queue uses beanstalkd, against the shared server. */
class BeanstalkdQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<BeanstalkdQueue> queues = new ArrayList<>();
    private final TubeCleaner cleaner = new TubeCleaner(11300);

    @BeforeAll
    static void server() {
        Services.assumeReachable("beanstalkd", "127.0.0.1", 11300);
    }

    @AfterEach
    void cleanUp() {
        for (BeanstalkdQueue queue : queues) {
            queue.flush();
            queue.close();
        }
        cleaner.close(); // the ownership marks, which a flush keeps
    }

    private BeanstalkdQueue queue(String name, BeanstalkdOptions options) {
        BeanstalkdQueue queue = new BeanstalkdQueue(name, options);
        queues.add(queue);
        cleaner.track(name);
        queue.setUp();
        return queue;
    }

    private BeanstalkdQueue queue(BeanstalkdOptions options) {
        return queue(Services.uniqueName("bq"), options);
    }

    private static BeanstalkClient raw(String tube) {
        BeanstalkClient client = BeanstalkClient.open(new Endpoint("127.0.0.1", 11300, tube, Duration.ofSeconds(2), WAIT));
        client.use(tube);
        return client;
    }

    @Test
    void touch_keepsAJobReserved_whileAnotherOneWhoseLeaseRanOutComesBack() {
        BeanstalkdQueue queue = queue(BeanstalkdOptions.DEFAULTS.withTtr(Duration.ofSeconds(2)));
        queue.submitAll(List.of("kept", "lost"), SubmitOptions.DEFAULT);
        Message kept = queue.waitAndReserve(WAIT).orElseThrow();
        Message lost = queue.waitAndReserve(WAIT).orElseThrow();

        Message back = await("the unrenewed job to come back").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!queue.extendLease(kept.id())) {
                        Assumptions.abort("the machine was too slow: more than a 2 s lease passed between two renewals");
                    }
                    return queue.waitAndReserve(Duration.ZERO);
                }, Optional::isPresent).get();

        assertThat(back.id()).isEqualTo(lost.id());
        assertThat(back.numberOfReleases()).as("a lease that ran out counts as a release").isEqualTo(1);
        assertThat(queue.finish(kept.id())).as("the renewed job is still ours").isTrue();
        assertThat(queue.finish(back.id())).isTrue();
    }

    @Test
    void aClosedConnection_givesItsJobsBackAtOnce_countedAsARelease() {
        String name = Services.uniqueName("crash");
        BeanstalkdQueue crashing = new BeanstalkdQueue(name, BeanstalkdOptions.DEFAULTS); // 60 s lease
        crashing.submit("survives");
        Message held = crashing.waitAndReserve(WAIT).orElseThrow();
        BeanstalkdQueue other = queue(name, BeanstalkdOptions.DEFAULTS);

        crashing.close(); // what a killed worker's connections do

        Message again = await().atMost(Duration.ofSeconds(10)).until(() -> other.waitAndReserve(Duration.ZERO), Optional::isPresent).get();
        assertThat(again.id()).isEqualTo(held.id());
        assertThat(again.numberOfReleases()).as("beanstalkd counts no release or timeout here; the reserve counter does").isEqualTo(1);
        assertThat(crashing.finish(held.id())).as("a closed queue holds nothing").isFalse();
    }

    @Test
    void release_withoutPriority_keepsTheJobsOwn_andWithADelay_delaysIt() {
        BeanstalkdQueue queue = queue(BeanstalkdOptions.DEFAULTS);
        String id = queue.submit("payload", SubmitOptions.prioritized(7));
        queue.waitAndReserve(WAIT).orElseThrow();

        assertThat(queue.release(id, ReleaseOptions.delayed(Duration.ofMillis(4200)))).isTrue();

        try (BeanstalkClient client = raw(queue.name())) {
            JobStats stats = client.statsJob(Long.parseLong(id));
            assertThat(stats.priority()).isEqualTo(7);
            assertThat(stats.state()).isEqualTo("delayed");
        }
    }

    @Test
    void submitOptions_ttrIsHonoured_unknownExtrasAndNegativePrioritiesAreRefused() {
        BeanstalkdQueue queue = queue(BeanstalkdOptions.DEFAULTS);

        String id = queue.submit("payload", SubmitOptions.DEFAULT.withExtra("ttr", 5));

        try (BeanstalkClient client = raw(queue.name())) {
            assertThat(client.statsJob(Long.parseLong(id)).ttr()).isEqualTo(5);
        }
        assertThatThrownBy(() -> queue.submit("x", SubmitOptions.DEFAULT.withExtra("ttl", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ttl'").hasMessageContaining("'ttr'");
        assertThatThrownBy(() -> queue.submit("x", SubmitOptions.prioritized(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or more");
        assertThat(queue.countReady()).isEqualTo(1);
    }

    @Test
    void abort_buriesTheJobWhereItIs_andAnAdminKickDropsItFromTheFailedList() {
        BeanstalkdQueue queue = queue(BeanstalkdOptions.DEFAULTS);
        String id = queue.submit("payload");
        queue.waitAndReserve(WAIT).orElseThrow();

        assertThat(queue.abort(id, "broken")).isTrue();

        try (BeanstalkClient client = raw(queue.name())) {
            RawJob buried = client.peekFirst("buried");
            assertThat(buried.id()).as("the failed message is the buried job, same id").isEqualTo(Long.parseLong(id));
            assertThat(queue.listFailed(10)).extracting(FailedMessage::reason).containsExactly("broken");

            assertThat(client.kickJob(buried.id())).isTrue(); // e.g. an admin tool

            assertThat(queue.countFailed()).isZero();
            assertThat(queue.listFailed(10)).isEmpty();
            assertThat(client.statsTube(queue.name() + ".jq-failed")).as("the stale record is deleted")
                    .satisfiesAnyOf(s -> assertThat(s).isNull(), s -> assertThat(s).containsEntry("current-jobs-ready", "0"));
        }
    }

    @Test
    void aJobBuriedByAnotherTool_isListedWithoutAReason() {
        BeanstalkdQueue queue = queue(BeanstalkdOptions.DEFAULTS);
        try (BeanstalkClient client = raw(queue.name())) {
            client.useAndWatchOnly(queue.name());
            long id = client.put(1024, 0, 60, "from elsewhere".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            client.reserve(Duration.ZERO);
            client.bury(id, 1024);
        }

        assertThat(queue.countFailed()).isEqualTo(1);
        assertThat(queue.listFailed(10)).singleElement().satisfies(failed -> {
            assertThat(failed.message().payload()).isEqualTo("from elsewhere");
            assertThat(failed.reason()).isEmpty();
            assertThat(failed.failedAt()).isNull();
        });
    }

    @Test
    void retryFailed_putsTheMessageBackUnderItsOwnId_andItCanFailAndBeRetriedAgain() {
        BeanstalkdQueue queue = queue(BeanstalkdOptions.DEFAULTS);
        String id = queue.submit("payload", SubmitOptions.prioritized(3));
        queue.waitAndReserve(WAIT).orElseThrow();
        queue.abort(id, "first");

        assertThat(queue.retryFailed(id)).isTrue();
        Message retried = queue.waitAndReserve(WAIT).orElseThrow();
        assertThat(retried.id()).as("the message keeps its id in its new job").isEqualTo(id);
        assertThat(retried.numberOfReleases()).isZero();
        assertThat(queue.abort(id, "second")).isTrue();
        assertThat(queue.listFailed(10)).extracting(f -> f.message().id(), FailedMessage::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, "second"));
        assertThat(queue.retryFailed(id)).as("found through the index, its job id differs now").isTrue();

        Message again = queue.waitAndTake(WAIT).orElseThrow();
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.payload()).isEqualTo("payload");
        try (BeanstalkClient client = raw(queue.name())) {
            assertThat(client.statsTube(queue.name())).containsEntry("current-jobs-buried", "0");
        }
    }

    @Test
    void aReasonLargerThanAJob_isCut_butTheMessageStillFails() {
        BeanstalkdQueue queue = queue(BeanstalkdOptions.DEFAULTS);
        String id = queue.submit("payload");
        queue.waitAndReserve(WAIT).orElseThrow();

        assertThat(queue.abort(id, "x".repeat(200_000))).isTrue();

        assertThat(queue.listFailed(1)).singleElement().satisfies(f -> assertThat(f.reason()).hasSizeBetween(60_000, 65_535));
    }

    @Test
    void aPayloadThatStartsWithTheHeaderMark_roundTrips() {
        BeanstalkdQueue queue = queue(BeanstalkdOptions.DEFAULTS);
        String payload = "\u000142\nnot a header";
        String id = queue.submit(payload);

        assertThat(queue.peek(1)).extracting(Message::id, Message::payload)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, payload));
        assertThat(queue.waitAndTake(WAIT)).map(Message::payload).contains(payload);
    }

    @Test
    void peek_ofMoreThanOne_isNotSupported() {
        BeanstalkdQueue queue = queue(BeanstalkdOptions.DEFAULTS);

        assertThat(queue.capabilities().peekMany()).isFalse();
        assertThatThrownBy(() -> queue.peek(2)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("not supported by beanstalkd");
    }

    @Test
    void batchReserve_withAOneSecondLease_stopsAtDeadlineSoonInsteadOfFailing() {
        BeanstalkdQueue queue = queue(BeanstalkdOptions.DEFAULTS.withTtr(Duration.ofSeconds(1)));
        queue.submitAll(List.of("a", "b", "c"), SubmitOptions.DEFAULT);
        Set<String> reserved = new LinkedHashSet<>();

        for (int round = 0; round < 20 && reserved.size() < 3; round++) {
            List<Message> batch = queue.waitAndReserve(3, WAIT); // a held 1 s job makes its connection answer DEADLINE_SOON
            batch.forEach(m -> reserved.add(m.payload()));
            queue.finishAll(batch.stream().map(Message::id).toList());
        }

        assertThat(reserved).containsExactly("a", "b", "c");
    }

    @Test
    void flush_leavesJobsReservedByAnotherConnection_whichOnlyTheirHolderCanDelete() {
        String name = Services.uniqueName("flush");
        BeanstalkdQueue holder = queue(name, BeanstalkdOptions.DEFAULTS);
        BeanstalkdQueue flusher = queue(name, BeanstalkdOptions.DEFAULTS);
        holder.submitAll(List.of("held", "ready"), SubmitOptions.DEFAULT);
        Message held = holder.waitAndReserve(WAIT).orElseThrow();

        flusher.flush();

        assertThat(flusher.countReady()).isZero();
        assertThat(flusher.countReserved()).isEqualTo(1);
        assertThat(holder.finish(held.id())).isTrue();
    }
}
