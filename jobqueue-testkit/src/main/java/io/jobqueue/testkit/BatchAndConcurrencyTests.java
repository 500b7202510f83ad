package io.jobqueue.testkit;

import io.jobqueue.Capability;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.Message;
import io.jobqueue.SubmitOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reserving in batches, finishing many at once, many threads reserving from one queue without
 * ever sharing a message, and a waiting reserver that gets a message submitted during its wait.
 */
abstract class BatchAndConcurrencyTests extends ConformanceSupport {

    private static final int CONCURRENT_MESSAGES = 5_000;
    private static final int CONCURRENT_THREADS = 8;
    private static final int SUBMIT_CHUNK = 250;
    private static final Duration CONCURRENCY_LIMIT = Duration.ofSeconds(60);

    @BeforeEach
    final void requireReserve() {
        requires(Capability.RESERVE);
    }

    @Test
    void batchReserve_returnsAtMostMaxWithoutDuplicates_untilAllAreReserved() {
        List<String> payloads = payloads("batch", 7);
        queue.submitAll(payloads, SubmitOptions.DEFAULT);
        Set<String> ids = new HashSet<>();
        List<String> reserved = new ArrayList<>();
        List<Message> batchMessages = new ArrayList<>();

        for (int round = 0; round < 10 && reserved.size() < payloads.size(); round++) {
            List<Message> batch = queue.waitAndReserve(3, LONG_WAIT);
            assertThat(batch).as("batch %d", round + 1).isNotEmpty().hasSizeLessThanOrEqualTo(3);
            for (Message message : batch) {
                assertThat(ids.add(message.id())).as("id %s handed out twice", message.id()).isTrue();
                reserved.add(message.payload());
                batchMessages.add(message);
            }
        }

        assertThat(reserved).as("every message exactly once, oldest first").containsExactlyElementsOf(payloads);
        assertThat(queue.waitAndReserve(3, Duration.ZERO)).as("nothing left").isEmpty();
        assertCounts(queue, 0, 7, 0);
        assertThat(queue.finishAll(batchMessages)).hasSize(7);
    }

    @Test
    void batchReserve_onEmptyQueue_returnsEmptyListOnTimeout() {
        assertThat(queue.waitAndReserve(5, Duration.ZERO)).as("zero timeout").isEmpty();
        assertThat(queue.waitAndReserve(5, SHORT_WAIT)).as("short timeout").isEmpty();
    }

    @Test
    void batchReserve_withMaxBelowOne_isRejected() {
        assertThatThrownBy(() -> queue.waitAndReserve(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchReserve_withEnoughReadyMessages_fillsTheBatch() {
        requires(Capability.BATCH_RESERVE);
        queue.submitAll(payloads("batch", 10), SubmitOptions.DEFAULT);

        List<Message> batch = queue.waitAndReserve(4, LONG_WAIT);

        assertThat(batch).extracting(Message::payload)
                .containsExactly("batch-0000", "batch-0001", "batch-0002", "batch-0003");
        assertThat(queue.countReady()).isEqualTo(6);
    }

    @Test
    void finishAll_finishesTheGivenReservedMessages_andReturnsTheirIds() {
        String readyId = queue.submitAll(payloads("finish", 4), SubmitOptions.DEFAULT).get(3);
        Message first = reserve(queue);
        Message second = reserve(queue);
        Message kept = reserve(queue);

        Message ready = new Message(readyId, "finish-0003", Map.of(), 0, 1, "1");
        var finished = queue.finishAll(List.of(first, second, unknownMessage(), ready));

        assertThat(finished).as("finishAll of two reserved, one unknown and one ready message").containsExactlyInAnyOrder(first.id(), second.id());
        assertCounts(queue, 1, 1, 0);
        assertThat(queue.finish(kept)).as("the reserved message left out of finishAll").isTrue();
        assertThat(queue.finishAll(List.of(first, second))).as("finishAll of finished messages").isEmpty();
    }

    @Test
    void waitAndReserve_withTimeout_returnsAMessageSubmittedDuringTheWait() throws Exception {
        Optional<Message> reserved = whileWaiting(() -> queue.waitAndReserve(AWAIT_LIMIT), () -> queue.submit("late"));

        assertThat(reserved).map(Message::payload).contains("late");
    }

    @Test
    void waitAndTake_withTimeout_returnsAMessageSubmittedDuringTheWait() throws Exception {
        Optional<Message> taken = whileWaiting(() -> queue.waitAndTake(AWAIT_LIMIT), () -> queue.submit("late"));

        assertThat(taken).map(Message::payload).contains("late");
    }

    @Test
    void batchReserve_withTimeout_returnsAMessageSubmittedDuringTheWait() throws Exception {
        List<Message> batch = whileWaiting(() -> queue.waitAndReserve(3, AWAIT_LIMIT), () -> queue.submit("late"));

        assertThat(batch).extracting(Message::payload).containsExactly("late");
    }

    @Test
    void concurrentReservers_handOutEveryMessageExactlyOnce() throws Exception {
        List<String> payloads = payloads("c", CONCURRENT_MESSAGES);
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        AtomicInteger handedOut = new AtomicInteger();
        AtomicInteger failedFinishes = new AtomicInteger();
        long deadline = System.nanoTime() + CONCURRENCY_LIMIT.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_THREADS + 1);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            tasks.add(pool.submit(() -> {
                for (int from = 0; from < payloads.size(); from += SUBMIT_CHUNK) {
                    queue.submitAll(payloads.subList(from, Math.min(from + SUBMIT_CHUNK, payloads.size())),
                            SubmitOptions.DEFAULT);
                }
            }));
            for (int t = 0; t < CONCURRENT_THREADS; t++) {
                int worker = t;
                tasks.add(pool.submit(() -> {
                    for (int round = 0; handedOut.get() < CONCURRENT_MESSAGES && System.nanoTime() < deadline; round++) {
                        boolean single = (worker + round) % 2 == 0;
                        List<Message> got = single
                                ? queue.waitAndReserve(Duration.ofMillis(100)).map(List::of).orElse(List.of())
                                : queue.waitAndReserve(1 + round % 16, Duration.ofMillis(100));
                        for (Message message : got) {
                            deliveries.computeIfAbsent(message.payload(), p -> new AtomicInteger()).incrementAndGet();
                        }
                        handedOut.addAndGet(got.size());
                        int finished = single
                                ? (got.isEmpty() || queue.finish(got.get(0)) ? got.size() : 0)
                                : queue.finishAll(got).size();
                        failedFinishes.addAndGet(got.size() - finished);
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get(CONCURRENCY_LIMIT.toSeconds() + 30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Integer> duplicates = deliveries.entrySet().stream().filter(e -> e.getValue().get() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
        assertThat(duplicates).as("messages handed out more than once").isEmpty();
        assertThat(handedOut.get()).as("messages handed out within %s s", CONCURRENCY_LIMIT.toSeconds())
                .isEqualTo(CONCURRENT_MESSAGES);
        assertThat(deliveries.keySet()).as("every submitted message handed out")
                .containsExactlyInAnyOrderElementsOf(payloads);
        assertThat(failedFinishes.get()).as("finish calls that returned false").isZero();
        assertCounts(queue, 0, 0, 0);
        assertThat(queue.waitAndReserve(Duration.ZERO)).isEmpty();
    }
}
