package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Option {@code concurrencyLimit}: at most N messages of one concurrency key are reserved at once,
 * across queue objects (workers); a busy key's messages wait without holding up other keys or
 * messages without a key, and a finish, a release or a lapsed lease frees a place. Needs
 * {@code concurrencyLimit} and {@code reserve}.
 */
abstract class ConcurrencyLimitTests extends ConformanceSupport {

    @BeforeEach
    final void requireLimit() {
        requires(Capability.CONCURRENCY_LIMIT, Capability.RESERVE);
    }

    private static SubmitOptions key(String key) {
        return SubmitOptions.DEFAULT.withConcurrencyKey(key);
    }

    @Test
    void aBusyKey_waits_whileOtherKeysAndUnkeyedMessagesGoOn() {
        Queue limited = newQueue(options("concurrencyLimit", 2));
        limited.submitAll(List.of("a1", "a2", "a3", "a4"), key("customer-a"));
        limited.submitAll(List.of("b1", "b2"), key("customer-b"));
        limited.submit("plain");

        List<String> first = reserveAll(limited);

        assertThat(first).as("reserved while nothing ran").containsExactlyInAnyOrder("a1", "a2", "b1", "b2", "plain");
        assertThat(limited.waitAndReserve(5, Duration.ZERO)).as("a reserve while customer-a has 2 running").isEmpty();
    }

    @Test
    void aFinish_freesAPlace_forTheNextMessageOfItsKey_inOrder() {
        Queue limited = newQueue(options("concurrencyLimit", 1));
        limited.submitAll(List.of("a1", "a2", "a3"), key("tenant"));
        Message running = reserve(limited);
        assertThat(running.payload()).isEqualTo("a1");
        assertThat(running.headers()).containsEntry(Headers.CONCURRENCY_KEY, "tenant");
        assertThat(limited.waitAndReserve(Duration.ZERO)).as("a reserve while the key's one place is taken").isEmpty();

        assertThat(limited.finish(running)).isTrue();

        Message next = reserve(limited);
        assertThat(next.payload()).as("the next of the key after the finish").isEqualTo("a2");
        assertThat(limited.release(next, io.jobqueue.ReleaseOptions.DEFAULT)).isTrue();
        assertThat(reserve(limited).payload()).as("after a release the key's place is free again").isIn("a2", "a3");
    }

    @Test
    void aLapsedLease_freesItsPlace() {
        Queue limited = newQueue(options("concurrencyLimit", 1, "leaseTimeout", LEASE.toMillis() / 1000.0));
        limited.submitAll(List.of("a1", "a2"), key("lapsing"));
        Message lost = reserve(limited);

        Message next = awaitValue("a reserve after the holder's lease ran out", () -> limited.waitAndReserve(Duration.ZERO)
                .orElse(null), m -> m != null);

        assertThat(next.payload()).as("a message of the key, reserved while the lapsed holder %s still thinks it holds one",
                lost.id()).isIn("a1", "a2");
    }

    @Test
    void waitingReserver_getsTheKeysNextMessage_whenAPlaceIsFreed() throws Exception {
        Queue limited = newQueue(options("concurrencyLimit", 1));
        limited.submitAll(List.of("a1", "a2"), key("waiter"));
        Message running = reserve(limited);

        List<Message> got = whileWaiting(() -> limited.waitAndReserve(1, LONG_WAIT), () -> limited.finish(running));

        assertThat(got).extracting(Message::payload).as("what the waiting reserver got").containsExactly("a2");
    }

    @Test
    void manyReservers_onSeparateQueueObjects_neverHoldMoreThanTheLimit() throws Exception {
        int limit = 2;
        int messages = 40;
        String name = baseName() + "-shared";
        Map<String, Object> opts = options("concurrencyLimit", limit);
        List<Queue> workers = new ArrayList<>();
        workers.add(newQueueNamed(name, opts));
        for (int i = 1; i < 4; i++) {
            workers.add(supports(Capability.CROSS_PROCESS) ? newQueueNamed(name, opts) : workers.get(0));
        }
        List<String> payloads = payloads("k", messages);
        for (int i = 0; i < messages; i++) {
            workers.get(0).submit(payloads.get(i), key(i % 2 == 0 ? "even" : "odd"));
        }
        AtomicInteger even = new AtomicInteger();
        AtomicInteger odd = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Queue worker : workers) {
                runs.add(executor.submit(() -> {
                    long deadline = System.nanoTime() + AWAIT_LIMIT.toNanos();
                    while (done.get() < messages && System.nanoTime() < deadline) {
                        for (Message m : worker.waitAndReserve(3, Duration.ofMillis(200))) {
                            AtomicInteger held = "even".equals(m.headers().get(Headers.CONCURRENCY_KEY)) ? even : odd;
                            most.accumulateAndGet(held.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            held.decrementAndGet();
                            assertThat(worker.finish(m)).isTrue();
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(AWAIT_LIMIT.toSeconds() + 10, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(done.get()).as("messages finished").isEqualTo(messages);
        assertThat(most.get()).as("the most messages of one key held at once").isLessThanOrEqualTo(limit);
    }

    private List<String> reserveAll(Queue q) {
        List<String> payloads = new ArrayList<>();
        List<Message> batch;
        do {
            batch = q.waitAndReserve(10, Duration.ZERO);
            batch.forEach(m -> payloads.add(m.payload()));
        } while (!batch.isEmpty());
        return payloads;
    }
}
