package io.jobqueue.beanstalkd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.beanstalkd.BeanstalkdException;
import io.jobqueue.testkit.Services;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol client against the shared beanstalkd: exact bodies, pipelining, answers and errors. */
class BeanstalkClientTest {

    private static final Endpoint SHARED = new Endpoint("127.0.0.1", 11300, "client-test", Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    private BeanstalkClient client;
    private String tube;

    @BeforeAll
    static void server() {
        Services.assumeReachable("beanstalkd", "127.0.0.1", 11300);
    }

    @BeforeEach
    void connect() {
        tube = Services.uniqueName("client");
        client = BeanstalkClient.open(SHARED);
        client.useAndWatchOnly(tube);
    }

    @AfterEach
    void cleanUp() {
        client.close();
        try (ConnectionPool pool = new ConnectionPool(SHARED, tube)) {
            new TubeOps(pool, tube).drain();
        }
    }

    @Test
    void aBodyWithCrLfAndAnyBytes_comesBackExactly() {
        byte[] body = "line one\r\nline two\r\n\r\nput 0 0 1 5\r\n\u0000 end é €".getBytes(StandardCharsets.UTF_8);

        long id = client.put(1024, 0, 60, body);

        assertThat(client.peek(id).body()).isEqualTo(body);
        RawJob reserved = client.reserve(Duration.ZERO);
        assertThat(reserved.id()).isEqualTo(id);
        assertThat(reserved.body()).isEqualTo(body);
        assertThat(client.delete(id)).isTrue();
    }

    @Test
    void putAll_isPipelined_andReserveReadyTakesThemInOrder() {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            bodies.add(("job " + i).getBytes(StandardCharsets.UTF_8));
        }

        long[] ids = client.putAll(bodies.stream().map(body -> new Put(1024, 0, 60, body)).toList());
        List<RawJob> reserved = client.reserveReady(300);

        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(reserved).extracting(RawJob::id).containsExactlyElementsOf(
                java.util.Arrays.stream(ids).boxed().toList());
        assertThat(client.deleteAll(ids)).containsOnly(true);
    }

    @Test
    void unknownIds_areAnswersNotErrors() {
        long unknown = 4_000_000_000L;

        assertThat(client.delete(unknown)).isFalse();
        assertThat(client.touchAll(new long[] {unknown})).containsExactly(false);
        assertThat(client.release(unknown, 1, 0)).isFalse();
        assertThat(client.bury(unknown, 1)).isFalse();
        assertThat(client.kickJob(unknown)).isFalse();
        assertThat(client.peek(unknown)).isNull();
        assertThat(client.statsJob(unknown)).isNull();
        assertThat(client.reserveJob(unknown)).isNull();
        assertThat(client.statsTube(Services.uniqueName("no-such-tube"))).isNull();
        assertThat(client.peekFirst("ready")).isNull();
        assertThat(client.isUsable()).isTrue();
    }

    @Test
    void aJobReservedByAnotherConnection_cannotBeMovedFromThisOne() {
        long id = client.put(1024, 0, 60, new byte[] {'x'});
        assertThat(client.reserve(Duration.ZERO).id()).isEqualTo(id);

        try (BeanstalkClient other = BeanstalkClient.open(SHARED)) {
            assertThat(other.touchAll(new long[] {id})).containsExactly(false);
            assertThat(other.release(id, 1, 0)).isFalse();
            assertThat(other.bury(id, 1)).isFalse();
            assertThat(other.delete(id)).as("delete reaches reserved jobs only on their connection").isFalse();
        }
        assertThat(client.touchAll(new long[] {id})).containsExactly(true);
        assertThat(client.delete(id)).isTrue();
    }

    @Test
    void aBadTubeName_isBadFormat_andTheConnectionStaysUsable() {
        assertThatThrownBy(() -> client.use("-starts-with-a-hyphen"))
                .isInstanceOf(BeanstalkdException.class)
                .hasMessageContaining("beanstalkd at 127.0.0.1:11300").hasMessageContaining("badly formatted")
                .extracting(e -> ((BeanstalkdException) e).reply()).isEqualTo("BAD_FORMAT");
        assertThat(client.isUsable()).isTrue();
        assertThat(client.listTubes()).contains(tube);
    }

    @Test
    void anUnknownCommand_isUnknownCommand() {
        client.queueCommand("no-such-command");

        assertThatThrownBy(() -> client.expect(client.next(), "no-such-command", "OK"))
                .isInstanceOf(BeanstalkdException.class).hasMessageContaining("does not know the command 'no-such-command'")
                .extracting(e -> ((BeanstalkdException) e).reply()).isEqualTo("UNKNOWN_COMMAND");
    }

    @Test
    void aBodyLongerThanAnnounced_isExpectedCrlf_andTheConnectionIsDropped() {
        client.queueCommand("put 1024 0 60 3", "abcde".getBytes(StandardCharsets.US_ASCII));

        Reply reply = client.next();

        assertThat(reply.word()).isEqualTo("EXPECTED_CRLF");
        assertThat(client.isUsable()).as("the server lost track of the stream").isFalse();
    }

    @Test
    void reservingAgainInTheLastSecondOfAHeldJob_isDeadlineSoon() {
        client.put(1024, 0, 1, new byte[] {'x'}); // a time to run of one second is all safety margin
        assertThat(client.reserve(Duration.ZERO)).isNotNull();

        assertThatThrownBy(() -> client.reserve(Duration.ofSeconds(1)))
                .isInstanceOf(BeanstalkdException.class)
                .extracting(e -> ((BeanstalkdException) e).reply()).isEqualTo("DEADLINE_SOON");
        assertThat(client.reserveReady(3)).as("pipelined reserves stop at DEADLINE_SOON without an error").isEmpty();
    }

    @Test
    void stats_sayWhatTheServerCounts() {
        long id = client.put(7, 0, 30, new byte[] {'x'});

        JobStats stats = client.statsJob(id);

        assertThat(stats).isEqualTo(new JobStats(id, tube, "ready", 7, 30, 0, 0, 0));
        assertThat(client.statsTube(tube)).containsEntry("current-jobs-ready", "1");
        assertThat(client.maxJobSize()).isPositive();
    }
}
