package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batches larger than one script call takes (500 payloads per submit call, 1,000 messages per
 * reserve call, 1,000 messages per finish or extend call) keep their order and their counts.
 */
class RedisLargeBatchTest {

    private Queue queue;

    @BeforeAll
    static void server() {
        Services.assumeReachable("Redis", "127.0.0.1", 6379);
    }

    @BeforeEach
    void createQueue() {
        queue = Queue.open(new RedisQueueFactory(), Services.uniqueName("large"), Map.of());
    }

    @AfterEach
    void flushQueue() {
        queue.flush();
        queue.close();
    }

    @Test
    void batchesAcrossSeveralScriptCalls_keepOrderAndCounts() {
        List<String> payloads = IntStream.range(0, 2_500).mapToObj(i -> "m" + i).collect(Collectors.toList());

        List<String> ids = queue.submitAll(payloads, SubmitOptions.DEFAULT);
        List<Message> reserved = queue.waitAndReserve(2_200, Duration.ZERO);

        assertThat(ids).hasSize(2_500).doesNotHaveDuplicates();
        assertThat(reserved).extracting(Message::payload).containsExactlyElementsOf(payloads.subList(0, 2_200));
        assertThat(reserved).extracting(Message::id).containsExactlyElementsOf(ids.subList(0, 2_200));
        assertThat(queue.countReady()).isEqualTo(300);
        assertThat(queue.countReserved()).isEqualTo(2_200);

        List<Message> finishing = new ArrayList<>(reserved);
        finishing.add(reserved.get(0)); // the same message twice counts once
        finishing.add(new Message(ids.get(2_400), "m2400")); // a ready message is not finished
        assertThat(queue.finishAll(finishing)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 2_200));
        assertThat(queue.extendLeases(reserved)).isEmpty();
        assertThat(queue.countReserved()).isZero();
        assertThat(queue.peek(1_000)).extracting(Message::payload).containsExactlyElementsOf(payloads.subList(2_200, 2_500));
    }
}
