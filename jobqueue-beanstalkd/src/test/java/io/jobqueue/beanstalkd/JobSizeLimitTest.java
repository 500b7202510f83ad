package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.Message;
import io.jobqueue.MessageTooLargeException;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages at and over the job size limit of a private server started with {@code -z 1000}. */
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

    private static Queue queue(int maxJobSize) {
        Queue queue = Queue.open(new BeanstalkdQueueFactory(), Services.uniqueName("size"),
                Map.of("port", server.port(), "maxJobSize", maxJobSize));
        queue.setUp();
        return queue;
    }

    @Test
    void aPayloadAtTheLargestSize_roundTrips() {
        try (Queue queue = queue(LIMIT)) {
            String payload = "é".repeat(LIMIT / 2 - 1); // two bytes each: the limit less the 2 bytes kept for the binlog

            queue.submit(payload);

            assertThat(queue.waitAndTake(Duration.ofSeconds(5))).map(Message::payload).contains(payload);
        }
    }

    @Test
    void aPayloadOverTheLargestSize_isRefusedBeforeItIsSent() {
        try (Queue queue = queue(LIMIT)) {
            for (int size : new int[] {LIMIT - 1, LIMIT, LIMIT + 1}) {
                assertThatThrownBy(() -> queue.submit("x".repeat(size)))
                        .isInstanceOf(MessageTooLargeException.class)
                        .hasMessageContaining(size + " bytes").hasMessageContaining("at most 998 bytes")
                        .hasMessageContaining("maxJobSize (1000").hasMessageContaining("binlog")
                        .satisfies(e -> assertThat(((MessageTooLargeException) e).limit()).isEqualTo(LIMIT - 2))
                        .satisfies(e -> assertThat(((MessageTooLargeException) e).queueName()).isEqualTo(queue.name()));
            }
            assertThat(queue.countReady()).isZero();
        }
    }

    @Test
    void headersCountTowardsTheSize() {
        try (Queue queue = queue(LIMIT)) {
            String payload = "x".repeat(LIMIT - 2 - 30);
            queue.submit(payload);

            assertThatThrownBy(() -> queue.submit(payload, SubmitOptions.DEFAULT.withHeader("tenant", "acme-corporation")))
                    .isInstanceOf(MessageTooLargeException.class).hasMessageContaining("payload and headers");
            assertThat(queue.countReady()).isEqualTo(1);
        }
    }

    @Test
    void theServer_takesAJobThatFillsItsLimit_butItsBinlogReplayWouldNot() {
        // why the queue keeps 2 bytes free: the server itself accepts the full -z
        try (Queue queue = queue(LIMIT + 2)) {
            queue.submit("x".repeat(LIMIT));

            assertThat(queue.waitAndTake(Duration.ofSeconds(5))).map(m -> m.payload().length()).contains(LIMIT);
        }
    }

    @Test
    void aPayloadOverTheServersLimit_isRefusedByTheServer_withItsLimit_andTheQueueGoesOn() {
        try (Queue queue = queue(10 * LIMIT)) { // the option allows more than the server
            assertThatThrownBy(() -> queue.submit("x".repeat(LIMIT + 1)))
                    .isInstanceOf(MessageTooLargeException.class)
                    .hasMessageContaining("max-job-size of 1000 bytes").hasMessageContaining("127.0.0.1:" + server.port())
                    .satisfies(e -> assertThat(((MessageTooLargeException) e).size()).isEqualTo(LIMIT + 1));

            queue.submit("small");
            assertThat(queue.waitAndTake(Duration.ofSeconds(5))).map(Message::payload).contains("small");
        }
    }

    @Test
    void aBatchThatTheServerRefusesInPart_isTakenBackWhole() {
        try (Queue queue = queue(10 * LIMIT)) {
            assertThatThrownBy(() -> queue.submitAll(List.of("a", "x".repeat(LIMIT + 1), "b"), SubmitOptions.DEFAULT))
                    .isInstanceOf(MessageTooLargeException.class);

            assertThat(queue.counts().ready()).as("the jobs the server took, deleted again").isZero();
        }
    }

    @Test
    void aReasonBiggerThanTheServerTakes_isKeptShortened() {
        try (Queue queue = queue(10 * LIMIT)) {
            queue.submit("payload");
            Message reserved = queue.waitAndReserve(Duration.ofSeconds(5)).orElseThrow();

            assertThat(queue.abort(reserved, "reason ".repeat(1000))).isTrue();

            assertThat(queue.listFailed(1)).singleElement()
                    .satisfies(f -> assertThat(f.reason()).startsWith("reason reason").hasSizeLessThan(300));
            queue.flush();
        }
    }

    @Test
    void aBatchWithOneTooBigPayload_sendsNothing() {
        try (Queue queue = queue(LIMIT)) {
            assertThatThrownBy(() -> queue.submitAll(List.of("a", "x".repeat(LIMIT + 1), "b"), SubmitOptions.DEFAULT))
                    .isInstanceOf(MessageTooLargeException.class);
            assertThat(queue.countReady()).isZero();
        }
    }
}
