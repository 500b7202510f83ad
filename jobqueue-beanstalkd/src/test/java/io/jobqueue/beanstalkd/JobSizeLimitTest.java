package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.Message;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Payloads at and over the job size limit of a private server started with {@code -z 1000}. */
class JobSizeLimitTest {

    private static final int LIMIT = 1000;
    private static BeanstalkdServer server;

    @BeforeAll
    static void start() {
        server = BeanstalkdServer.start("-z", Integer.toString(LIMIT));
    }

    @AfterAll
    static void stop() {
        if (server != null) { // null when beanstalkd is not installed and the class was skipped
            server.close();
            server = null;
        }
    }

    private static BeanstalkdQueue queue(int maxJobSize) {
        BeanstalkdQueue queue = new BeanstalkdQueue(Services.uniqueName("size"),
                BeanstalkdOptions.DEFAULTS.withServer("127.0.0.1", server.port()).withMaxJobSize(maxJobSize));
        queue.setUp();
        return queue;
    }

    @Test
    void aPayloadAtTheLargestSize_roundTrips() {
        try (BeanstalkdQueue queue = queue(LIMIT)) {
            String payload = "é".repeat(LIMIT / 2 - 1); // two bytes each: the limit less the 2 bytes kept for the binlog

            queue.submit(payload);

            assertThat(queue.waitAndTake(Duration.ofSeconds(5))).map(Message::payload).contains(payload);
        }
    }

    @Test
    void aPayloadOverTheLargestSize_isRefusedBeforeItIsSent() {
        try (BeanstalkdQueue queue = queue(LIMIT)) {
            for (int size : new int[] {LIMIT - 1, LIMIT, LIMIT + 1}) {
                assertThatThrownBy(() -> queue.submit("x".repeat(size)))
                        .isInstanceOf(JobTooBigException.class)
                        .hasMessageContaining(size + " bytes").hasMessageContaining("at most 998 bytes")
                        .hasMessageContaining("maxJobSize (1000").hasMessageContaining("binlog")
                        .satisfies(e -> assertThat(((JobTooBigException) e).limit()).isEqualTo(LIMIT - 2));
            }
            assertThat(queue.countReady()).isZero();
        }
    }

    @Test
    void theServer_takesAJobThatFillsItsLimit_butItsBinlogReplayWouldNot() {
        // why the queue keeps 2 bytes free: the server itself accepts the full -z
        try (BeanstalkdQueue queue = queue(LIMIT + 2)) {
            queue.submit("x".repeat(LIMIT));

            assertThat(queue.waitAndTake(Duration.ofSeconds(5))).map(m -> m.payload().length()).contains(LIMIT);
        }
    }

    @Test
    void aPayloadOverTheServersLimit_isRefusedByTheServer_withItsLimit_andTheQueueGoesOn() {
        try (BeanstalkdQueue queue = queue(10 * LIMIT)) { // the option allows more than the server
            assertThatThrownBy(() -> queue.submit("x".repeat(LIMIT + 1)))
                    .isInstanceOf(JobTooBigException.class)
                    .hasMessageContaining("max-job-size of 1000 bytes").hasMessageContaining("127.0.0.1:" + server.port())
                    .satisfies(e -> assertThat(((JobTooBigException) e).size()).isEqualTo(LIMIT + 1));

            queue.submit("small");
            assertThat(queue.waitAndTake(Duration.ofSeconds(5))).map(Message::payload).contains("small");
        }
    }

    @Test
    void aReasonBiggerThanTheServerTakes_isKeptShortened() {
        try (BeanstalkdQueue queue = queue(10 * LIMIT)) {
            String id = queue.submit("payload");
            queue.waitAndReserve(Duration.ofSeconds(5)).orElseThrow();

            assertThat(queue.abort(id, "reason ".repeat(1000))).isTrue();

            assertThat(queue.listFailed(1)).singleElement()
                    .satisfies(f -> assertThat(f.reason()).startsWith("reason reason").hasSizeLessThan(300));
            queue.flush();
        }
    }

    @Test
    void aBatchWithOneTooBigPayload_sendsNothing() {
        try (BeanstalkdQueue queue = queue(LIMIT)) {
            assertThatThrownBy(() -> queue.submitAll(java.util.List.of("a", "x".repeat(LIMIT + 1), "b"), io.jobqueue.SubmitOptions.DEFAULT))
                    .isInstanceOf(JobTooBigException.class);
            assertThat(queue.countReady()).isZero();
        }
    }
}
