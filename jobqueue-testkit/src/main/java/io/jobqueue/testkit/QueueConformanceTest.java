package io.jobqueue.testkit;

import io.jobqueue.Queue;
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
 *     protected Queue createQueue(String name, Map<String, Object> options) {
 *         Map<String, Object> merged = new HashMap<>(Map.of("url", "jdbc:postgresql://127.0.0.1/jobqueue"));
 *         merged.putAll(options);
 *         return new JdbcQueueFactory().create(QueueContext.of(name, merged));
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
     * Builds a queue of this backend named {@code name} (already unique), with {@code options} merged
     * over the backend's own settings. The suite passes only {@code leaseTimeout} and
     * {@code defaultTimeout} (seconds, as numbers, fractions allowed), and calls {@code setUp()}
     * itself.
     */
    protected abstract Queue createQueue(String name, Map<String, Object> options);

    /** Submitting, taking, timeouts (null and zero) and delayed submits. */
    @Nested
    public class SubmitAndTake extends SubmitAndTakeTests {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return QueueConformanceTest.this.createQueue(name, options);
        }
    }

    /** Peek, reserve, release, abort, finish, the counts, and moves on ids that are not reserved. */
    @Nested
    public class ReserveLifecycle extends ReserveLifecycleTests {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return QueueConformanceTest.this.createQueue(name, options);
        }
    }

    /** Priority, FIFO within a priority, peek order, submitAll order and where releases go. */
    @Nested
    public class Ordering extends OrderingTests {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return QueueConformanceTest.this.createQueue(name, options);
        }
    }

    /** Lease expiry, renewal, and holders whose lease ran out. */
    @Nested
    public class Leases extends LeaseTests {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return QueueConformanceTest.this.createQueue(name, options);
        }
    }

    /** Aborted messages: kept with their reason, listed, counted and retried. */
    @Nested
    public class FailedStore extends FailedStoreTests {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return QueueConformanceTest.this.createQueue(name, options);
        }
    }

    /** Flush and name isolation between queues, repeatable setUp and close. */
    @Nested
    public class Isolation extends IsolationTests {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return QueueConformanceTest.this.createQueue(name, options);
        }
    }

    /** Large and unusual payloads round-trip unchanged. */
    @Nested
    public class Payloads extends PayloadTests {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return QueueConformanceTest.this.createQueue(name, options);
        }
    }

    /** Batch reserve, finishAll, concurrent reservers and wake-up during a wait. */
    @Nested
    public class BatchAndConcurrency extends BatchAndConcurrencyTests {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return QueueConformanceTest.this.createQueue(name, options);
        }
    }
}
