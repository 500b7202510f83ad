package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.beanstalkd.internal.BeanstalkClient;
import io.jobqueue.beanstalkd.internal.RawJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * How messages sit in beanstalkd: job bodies with headers (and those of the previous version), and
 * failed messages as buried jobs with records in the index tube. Against the shared server.
 */
class BeanstalkdStorageTest extends SharedServerQueues {

    @Test
    void headers_travelInTheJobBody_afterAHeaderLine() {
        Queue queue = queue(Map.of());
        String id = queue.submit("payload", SubmitOptions.DEFAULT.withHeader("tenant", "acme"));

        try (BeanstalkClient client = raw(queue.name())) {
            assertThat(new String(client.peek(Long.parseLong(id)).body(), StandardCharsets.UTF_8))
                    .isEqualTo("\u0001 {\"tenant\":\"acme\"}\npayload");
        }
        assertThat(queue.waitAndTake(WAIT)).map(Message::headers).contains(Map.of("tenant", "acme"));
    }

    @Test
    void aBodyOfThePreviousVersion_isReadWithItsMessageId() {
        Queue queue = queue(Map.of());
        try (BeanstalkClient client = raw(queue.name())) {
            client.put(1024, 0, 60, "\u000115\nretried before the upgrade".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(queue.waitAndTake(WAIT)).map(m -> Tuple.tuple(m.id(), m.payload(), m.headers()))
                .contains(Tuple.tuple("15", "retried before the upgrade", Map.of()));
    }

    @Test
    void abort_buriesTheJobWhereItIs_andAnAdminKickDropsItFromTheFailedList() {
        Queue queue = queue(Map.of());
        String id = queue.submit("payload");
        Message reserved = queue.waitAndReserve(WAIT).orElseThrow();

        assertThat(queue.abort(reserved, "broken")).isTrue();

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
        Queue queue = queue(Map.of());
        try (BeanstalkClient client = raw(queue.name())) {
            client.useAndWatchOnly(queue.name());
            long id = client.put(1024, 0, 60, "from elsewhere".getBytes(StandardCharsets.UTF_8));
            client.reserve(Duration.ZERO);
            client.bury(id, 1024);
        }

        assertThat(queue.countFailed()).isEqualTo(1);
        assertThat(queue.listFailed(10)).singleElement().satisfies(failed -> {
            assertThat(failed.message().payload()).isEqualTo("from elsewhere");
            assertThat(failed.message().numberOfDeliveries()).isEqualTo(1);
            assertThat(failed.reason()).isEmpty();
            assertThat(failed.failedAt()).isNull();
        });
    }

    @Test
    void retryFailed_putsTheMessageBackUnderItsOwnId_andItCanFailAndBeRetriedAgain() {
        Queue queue = queue(Map.of());
        String id = queue.submit("payload", SubmitOptions.prioritized(3).withHeader("tenant", "acme"));
        queue.abort(queue.waitAndReserve(WAIT).orElseThrow(), "first");

        assertThat(queue.retryFailed(id)).isTrue();
        Message retried = queue.waitAndReserve(WAIT).orElseThrow();
        assertThat(retried.id()).as("the message keeps its id in its new job").isEqualTo(id);
        assertThat(retried.headers()).isEqualTo(Map.of("tenant", "acme"));
        assertThat(retried.numberOfReleases()).isZero();
        assertThat(retried.numberOfDeliveries()).isEqualTo(1);
        assertThat(queue.abort(retried, "second")).isTrue();
        assertThat(queue.listFailed(10)).extracting(f -> f.message().id(), FailedMessage::reason)
                .containsExactly(Tuple.tuple(id, "second"));
        assertThat(queue.retryFailed(id)).as("found through the index, its job id differs now").isTrue();

        Message again = queue.waitAndTake(WAIT).orElseThrow();
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.payload()).isEqualTo("payload");
        assertThat(queue.counts().failed()).isZero();
    }

    @Test
    void deleteFailed_deletesTheBuriedJob_andTheNextListingItsRecord() {
        Queue queue = queue(Map.of());
        String id = queue.submit("payload");
        queue.abort(queue.waitAndReserve(WAIT).orElseThrow(), "broken");

        assertThat(queue.deleteFailed(id)).isTrue();

        assertThat(queue.deleteFailed(id)).as("a second time").isFalse();
        assertThat(stats(queue, id)).isNull();
        assertThat(queue.listFailed(10)).isEmpty();
        try (BeanstalkClient client = raw(queue.name())) {
            assertThat(client.statsTube(queue.name() + ".jq-failed"))
                    .satisfiesAnyOf(s -> assertThat(s).isNull(), s -> assertThat(s).containsEntry("current-jobs-ready", "0"));
        }
    }

    @Test
    void deleteFailed_ofAMessageThatDidNotFail_deletesNothing() {
        Queue queue = queue(Map.of());
        String id = queue.submit("payload");

        assertThat(queue.deleteFailed(id)).isFalse();
        assertThat(queue.countReady()).isEqualTo(1);
    }

    @Test
    void aReasonLargerThanAJob_isCut_butTheMessageStillFails() {
        Queue queue = queue(Map.of());
        queue.submit("payload");

        assertThat(queue.abort(queue.waitAndReserve(WAIT).orElseThrow(), "x".repeat(200_000))).isTrue();

        assertThat(queue.listFailed(1)).singleElement().satisfies(f -> assertThat(f.reason()).hasSizeBetween(60_000, 65_535));
    }

    @Test
    void aPayloadThatStartsWithTheHeaderMark_roundTrips_withAndWithoutHeaders() {
        Queue queue = queue(Map.of());
        String payload = "\u000142\nnot a header";
        String id = queue.submit(payload);
        queue.submit(payload, SubmitOptions.DEFAULT.withHeader("h", "v"));

        assertThat(queue.peek(1)).extracting(Message::id, Message::payload).containsExactly(Tuple.tuple(id, payload));
        assertThat(queue.waitAndTake(WAIT)).map(Message::payload).contains(payload);
        assertThat(queue.waitAndTake(WAIT)).map(m -> Tuple.tuple(m.payload(), m.headers()))
                .contains(Tuple.tuple(payload, Map.of("h", "v")));
    }

}
