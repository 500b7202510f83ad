package io.jobqueue.testkit.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.memory.InMemoryQueue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.testkit.ForwardingQueue;
import io.jobqueue.testkit.QueueConformanceTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Proves the suite can fail: it runs parts of it against deliberately broken queues and checks that
 * exactly the tests aimed at each defect fail, and that missing capabilities skip with a reason.
 */
class SuiteDetectsBrokenQueuesTest {

    /** Peek returns the newest messages first. */
    static class NewestFirstPeek extends QueueConformanceTest {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return new ForwardingQueue(memory(name, options)) {
                @Override
                public List<Message> peek(int limit) {
                    List<Message> all = new ArrayList<>(delegate.peek(Integer.MAX_VALUE));
                    Collections.reverse(all);
                    return all.subList(0, Math.min(limit, all.size()));
                }
            };
        }
    }

    /** Finish claims success for any id, reserved or not. */
    static class FinishAlwaysTrue extends QueueConformanceTest {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return new ForwardingQueue(memory(name, options)) {
                @Override
                public boolean finish(String id) {
                    delegate.finish(id);
                    return true;
                }
            };
        }
    }

    /** A correct queue that declares neither delays, priorities nor leases. */
    static class WithoutDelayPriorityAndLeases extends QueueConformanceTest {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return new ForwardingQueue(memory(name, options)) {
                @Override
                public QueueCapabilities capabilities() {
                    return QueueCapabilities.all("limited").withoutDelay().withoutPriority().withoutLeases();
                }
            };
        }
    }

    static Queue memory(String name, Map<String, Object> options) {
        return InMemoryQueue.create(QueueContext.of(name, options));
    }

    @Test
    void newestFirstPeek_failsExactlyThePeekOrderTests() {
        EngineExecutionResults results = run(NewestFirstPeek.class,
                QueueConformanceTest.ReserveLifecycle.class, QueueConformanceTest.Ordering.class);

        assertThat(names(results, TestExecutionResult.Status.FAILED)).containsExactlyInAnyOrder(
                "peek_ofOne_returnsTheOldestMessageWithoutReservingIt",
                "peek_withLimit_returnsOldestFirstAndHonoursTheLimit",
                "peek_withLimit_skipsReservedMessages",
                "priority_smallerValuesAreReservedFirst",
                "submitAll_returnsIdsInOrder_andMessagesComeOutInThatOrder");
        assertThat(results.testEvents().succeeded().count()).as("the other tests still pass").isGreaterThan(20);
    }

    @Test
    void finishAlwaysTrue_failsTheTestsOfFinishOnIdsThatAreNotReserved() {
        EngineExecutionResults results = run(FinishAlwaysTrue.class, QueueConformanceTest.ReserveLifecycle.class);

        assertThat(names(results, TestExecutionResult.Status.FAILED)).containsExactlyInAnyOrder(
                "operation_onUnknownId_returnsFalseAndChangesNothing FINISH",
                "operation_onReadyMessage_returnsFalseAndChangesNothing FINISH",
                "operation_afterFinish_returnsFalse FINISH",
                "operation_afterAbort_returnsFalseAndKeepsOneFailedMessage FINISH");
    }

    @Test
    void missingCapabilities_skipTheirTestsWithAReasonNamingBackendAndCapability() {
        EngineExecutionResults results = run(WithoutDelayPriorityAndLeases.class,
                QueueConformanceTest.SubmitAndTake.class, QueueConformanceTest.Leases.class);

        assertThat(results.testEvents().failed().count()).isZero();
        List<String> reasons = results.testEvents().aborted().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .toList();
        assertThat(reasons).hasSize(3 + 9)
                .anyMatch(r -> r.endsWith("limited does not declare capability 'delay' (submit and release honour a delay)"))
                .anyMatch(r -> r.endsWith("limited does not declare capability 'leases' (reservations that expire unless renewed)"));
        assertThat(names(results, TestExecutionResult.Status.ABORTED)).contains(
                "submit_withDelay_isNeitherTakeableNorCountedReadyUntilDue", "leaseExpiry_returnsTheMessageWithOneMoreRelease");
    }

    private static EngineExecutionResults run(Class<? extends QueueConformanceTest> suite, Class<?>... parts) {
        var request = EngineTestKit.engine("junit-jupiter");
        for (Class<?> part : parts) {
            request.selectors(selectNestedClass(List.of(suite), part));
        }
        return request.execute();
    }

    /** Method names (plus the invocation's display name for parameterized tests) of tests with this status. */
    private static Set<String> names(EngineExecutionResults results, TestExecutionResult.Status status) {
        Set<String> names = new TreeSet<>();
        for (Event event : results.testEvents().finished().list()) {
            if (event.getRequiredPayload(TestExecutionResult.class).getStatus() != status) {
                continue;
            }
            var descriptor = event.getTestDescriptor();
            String method = descriptor.getSource().filter(MethodSource.class::isInstance)
                    .map(s -> ((MethodSource) s).getMethodName()).orElse("?");
            names.add(method.equals(descriptor.getDisplayName().replaceAll("\\(.*", ""))
                    ? method : method + " " + descriptor.getDisplayName());
        }
        return names;
    }
}
