package io.jobqueue.testkit;

import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The conformance suite every queue backend runs: extend it with one short class that says how to
 * build a queue of the backend, and JUnit runs every contract test against it.
 *
 * <pre>{@code
 * class PostgresQueueConformanceTest extends QueueConformanceTest {
 *
 *     @BeforeAll
 *     static void server() {
 *         Services.assumeReachable("PostgreSQL", "127.0.0.1", 5432);
 *     }
 *
 *     @Override
 *     protected Map<String, Object> backendSettings(Map<String, Object> options) {
 *         Map<String, Object> merged = new HashMap<>(Map.of("url", "jdbc:postgresql://127.0.0.1/jobqueue"));
 *         merged.putAll(options);
 *         return Map.of("className", "jdbc", "options", merged);
 *     }
 * }
 * }</pre>
 *
 * <p>Each test gets queues with fresh random names; the suite calls {@code setUp()} and
 * {@code flush()} before a test and {@code flush()} and {@code close()} after it. A test that needs
 * a capability the backend does not declare in {@link Queue#capabilities()} is skipped, with a
 * printed reason naming the backend and the capability. No test asserts a duration; every wait is
 * bounded. The tests are grouped by theme into the nested classes below.
 */
public abstract class QueueConformanceTest {

    /**
     * The settings of a queue of this backend, as one entry of {@code queues:} in
     * {@code jobqueue.yaml} would hold them: {@code className} and {@code options}, with the suite's
     * {@code options} put over the backend's own (connection and the like). The suite passes only
     * {@code leaseTimeout} and {@code defaultTimeout} (seconds, as numbers, fractions allowed) and
     * {@code retainFinished} (a duration such as {@code "1h"}, or a map with {@code count}). The
     * suite builds its queues from these settings, in this JVM and in the worker processes of the
     * crash test, and calls {@code setUp()} itself.
     */
    protected abstract Map<String, Object> backendSettings(Map<String, Object> options);

    /**
     * Builds a queue of this backend named {@code name} (already unique) from
     * {@link #backendSettings}; override it only to build queues another way.
     */
    protected Queue createQueue(String name, Map<String, Object> options) {
        JobQueueSettings settings = JobQueueSettings.fromMap(Map.of("queues", Map.of(name, backendSettings(options))),
                "the conformance suite's settings");
        return new QueueManager(settings).getQueue(name); // the suite closes the queue; the manager holds nothing else
    }

    /** Submitting, taking, timeouts (null and zero) and delayed submits. */
    @Nested
    public class SubmitAndTake extends SubmitAndTakeTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Peek, reserve, release, abort, finish, the counts, and moves on ids that are not reserved. */
    @Nested
    public class ReserveLifecycle extends ReserveLifecycleTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Priority, FIFO within a priority, peek order, submitAll order and where releases go. */
    @Nested
    public class Ordering extends OrderingTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Lease expiry, renewal, and holders whose lease ran out. */
    @Nested
    public class Leases extends LeaseTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Aborted messages: kept with their reason, listed, counted and retried. */
    @Nested
    public class FailedStore extends FailedStoreTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Delayed messages listed with their due times, soonest first, without changing anything. */
    @Nested
    public class DelayedList extends DelayedListTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** One message found by its id with its state, without changing anything. */
    @Nested
    public class Find extends FindTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Finished messages kept for {@code retainFinished}: found as finished, pruned by count and age. */
    @Nested
    public class History extends HistoryTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Cancelling by id: ready and delayed messages removed, reserved ones taken from their holder. */
    @Nested
    public class Cancel extends CancelTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Unique keys: duplicates return the holder's id, atomically; each scope ends when it should. */
    @Nested
    public class Unique extends UniqueTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Concurrency limit per key: a busy key's messages wait, other keys go on. */
    @Nested
    public class ConcurrencyLimit extends ConcurrencyLimitTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Rate limit: no more reservations per interval than the limit, none lost. */
    @Nested
    public class RateLimit extends RateLimitTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Worker heartbeats: published, replaced, removed, expired, listed. */
    @Nested
    public class Heartbeats extends HeartbeatTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** The age of the oldest ready message in the counts. */
    @Nested
    public class ReadyAge extends ReadyAgeTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Flush and name isolation between queues, repeatable setUp and close. */
    @Nested
    public class Isolation extends IsolationTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Large and unusual payloads round-trip unchanged. */
    @Nested
    public class Payloads extends PayloadTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Batch reserve, finishAll, concurrent reservers and wake-up during a wait. */
    @Nested
    public class BatchAndConcurrency extends BatchAndConcurrencyTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Reservation tokens: a holder whose reservation is over changes nothing. */
    @Nested
    public class Fencing extends FencingTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Deliveries and releases: a worker's death or a give-back is not an attempt. */
    @Nested
    public class Deliveries extends DeliveriesTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Headers round-trip unchanged; bad ones are refused before anything is stored. */
    @Nested
    public class HeadersRoundTrip extends HeadersTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }

    /** Worker processes SIGKILLed while holding messages lose nothing and abort nothing. */
    @Nested
    public class Crash extends CrashTests {
        @Override
        QueueConformanceTest suite() {
            return QueueConformanceTest.this;
        }
    }
}
