package io.jobqueue.testkit;

import io.jobqueue.Capability;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Lifecycle and helpers shared by the themed parts of the suite. Every queue a test makes gets a
 * unique name and {@code setUp()} + {@code flush()} before the test, {@code flush()} + {@code close()}
 * after it. Nothing here asserts a duration: waits are bounded and only say "within a generous limit".
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ConformanceSupport {

    /** The longest any condition is awaited; far above what a healthy backend needs. */
    static final Duration AWAIT_LIMIT = Duration.ofSeconds(15);
    /** The delay used for delayed submits and releases. */
    static final Duration DELAY = Duration.ofSeconds(1);
    /** A wait that is expected to time out empty-handed. */
    static final Duration SHORT_WAIT = Duration.ofMillis(300);
    /** A wait that is expected to return a message that is already ready. */
    static final Duration LONG_WAIT = Duration.ofSeconds(10);
    /** The lease used by the lease tests (option {@code leaseTimeout}, in seconds). */
    static final Duration LEASE = Duration.ofSeconds(1);

    private final List<Queue> queues = new ArrayList<>();
    private String baseName;
    private String testName;

    /** The queue each test starts with: default options, set up and flushed. */
    protected Queue queue;

    /** The suite this theme runs in, which says how to build the backend's queues. */
    abstract QueueConformanceTest suite();

    /** Builds a queue of the backend under test; see {@link QueueConformanceTest#createQueue}. */
    final Queue createQueue(String name, Map<String, Object> options) {
        return suite().createQueue(name, options);
    }

    /** The settings of a queue of the backend under test; see {@link QueueConformanceTest#backendSettings}. */
    final Map<String, Object> backendSettings(Map<String, Object> options) {
        return suite().backendSettings(options);
    }

    @BeforeEach
    final void createDefaultQueue(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse(info.getDisplayName());
        baseName = Services.uniqueName("ct-" + shortName(testName));
        queue = newQueueNamed(baseName, Map.of());
    }

    @AfterEach
    final void flushAndCloseQueues() {
        RuntimeException failure = null;
        for (Queue q : queues) {
            try {
                q.flush();
            } catch (RuntimeException e) {
                failure = keep(failure, e);
            }
            try {
                q.close();
            } catch (RuntimeException e) {
                failure = keep(failure, e);
            }
        }
        queues.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException keep(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** The unique name of the default queue; extra queues may be named after it. */
    final String baseName() {
        return baseName;
    }

    /** A further queue with a fresh unique name and the given options, set up and flushed. */
    final Queue newQueue(Map<String, Object> options) {
        return newQueueNamed(Services.uniqueName("ct-" + shortName(testName)), options);
    }

    /** A further queue with exactly this name, set up, flushed, and cleaned up after the test. */
    final Queue newQueueNamed(String name, Map<String, Object> options) {
        Queue q = createQueue(name, options);
        assertThat(q).as("createQueue(\"%s\", %s) returned null", name, options).isNotNull();
        queues.add(q);
        q.setUp();
        q.flush();
        return q;
    }

    /** Flushes and closes a queue now, so the clean-up after the test leaves it alone. */
    final void flushCloseAndForget(Queue q) {
        queues.remove(q);
        q.flush();
        q.close();
    }

    /** Skips the test, with a printed reason naming the backend, unless it declares every capability. */
    final void requires(Capability... capabilities) {
        QueueCapabilities declared = queue.capabilities();
        for (Capability capability : capabilities) {
            if (!declared.has(capability)) {
                String reason = testName + " skipped: " + declared.backend() + " does not declare capability '"
                        + capability.key() + "' (" + capability.meaning() + ")";
                System.out.println("[jobqueue-testkit] " + reason);
                Assumptions.abort(reason);
            }
        }
    }

    final boolean supports(Capability capability) {
        return queue.capabilities().has(capability);
    }

    /** A message no queue ever reserved, with a token no reservation has. */
    static Message unknownMessage() {
        return new Message("unknown-" + UUID.randomUUID(), "payload", Map.of(), 0, 1, "1");
    }

    /** Options built from key/value pairs, e.g. {@code options("leaseTimeout", 1)}. */
    static Map<String, Object> options(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** {@code count} distinct payloads that sort in submit order: {@code prefix-0000} … */
    static List<String> payloads(String prefix, int count) {
        List<String> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payloads.add(String.format(Locale.ROOT, "%s-%04d", prefix, i));
        }
        return payloads;
    }

    /** Reserves a message that is expected to be ready, failing with the queue's name when none comes. */
    final Message reserve(Queue q) {
        requires(Capability.RESERVE);
        Optional<Message> message = q.waitAndReserve(LONG_WAIT);
        assertThat(message).as("waitAndReserve(%s) on queue '%s' should return a ready message", LONG_WAIT, q.name())
                .isPresent();
        return message.get();
    }

    /** Takes a message that is expected to be ready. */
    final Message take(Queue q) {
        Optional<Message> message = q.waitAndTake(LONG_WAIT);
        assertThat(message).as("waitAndTake(%s) on queue '%s' should return a ready message", LONG_WAIT, q.name())
                .isPresent();
        return message.get();
    }

    /** Reserves {@code count} messages one by one, finishing each, and returns their payloads in order. */
    final List<String> reserveAndFinishPayloads(Queue q, int count) {
        List<String> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Message message = reserve(q);
            payloads.add(message.payload());
            assertThat(q.finish(message)).as("finish of a just reserved message").isTrue();
        }
        return payloads;
    }

    /**
     * Checks the counts this backend declares exact: countReserved only with capability
     * {@code countReserved}, countFailed only with {@code failedStore}.
     */
    final void assertCounts(Queue q, long ready, long reserved, long failed) {
        QueueCounts counts = q.counts();
        assertThat(counts.ready()).as("ready count of '%s' in %s", q.name(), counts).isEqualTo(ready);
        if (supports(Capability.COUNT_RESERVED)) {
            assertThat(counts.reserved()).as("reserved count of '%s' in %s", q.name(), counts).isEqualTo(reserved);
        }
        if (supports(Capability.FAILED_STORE)) {
            assertThat(counts.failed()).as("failed count of '%s' in %s", q.name(), counts).isEqualTo(failed);
        }
    }

    /** Polls {@code value} until it matches, for at most {@link #AWAIT_LIMIT}, and returns the match. */
    static <T> T awaitValue(String what, Callable<T> value, Predicate<? super T> matches) {
        return await(what).atMost(AWAIT_LIMIT).pollInterval(Duration.ofMillis(50)).until(value, matches::test);
    }

    /**
     * Runs a check that is only valid while a delay (started at {@code startNanos}, taken before the
     * submit or release) has not passed. A check that fails after the delay proves nothing, so the
     * test is aborted as "machine too slow" instead of failing falsely.
     */
    static void beforeDue(long startNanos, Duration delay, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            if (System.nanoTime() - startNanos >= delay.toNanos()) {
                Assumptions.abort("the machine was too slow: the " + delay.toMillis()
                        + " ms delay passed before the check ran, so its failure proves nothing (" + e.getMessage() + ")");
            }
            throw e;
        }
    }

    /**
     * Starts {@code waiter} on another thread, lets it block, runs {@code action} while it waits and
     * returns what the waiter returned. Fails when the waiter returned before the action ran.
     */
    static <T> T whileWaiting(Callable<T> waiter, Runnable action) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            Future<T> result = executor.submit(() -> {
                started.countDown();
                return waiter.call();
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).as("the waiting thread started").isTrue();
            Thread.sleep(200); // lets the waiter reach its blocking wait; nothing is measured
            if (result.isDone()) {
                throw new AssertionError("the wait returned before anything was submitted: " + result.get());
            }
            action.run();
            return result.get(AWAIT_LIMIT.toSeconds() + 5, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }

    private static String shortName(String methodName) {
        String compact = methodName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        compact = compact.length() > 20 ? compact.substring(0, 20) : compact;
        return compact.replaceAll("^-+|-+$", "");
    }
}
