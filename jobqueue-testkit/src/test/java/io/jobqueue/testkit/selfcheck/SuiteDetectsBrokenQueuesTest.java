package io.jobqueue.testkit.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import io.jobqueue.Capability;
import io.jobqueue.DelayedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.testkit.QueueConformanceTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    static class NewestFirstPeek extends Double {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return wrapped(name, options, new ForwardingBackend(memory(name, options)) {
                @Override
                public List<Message> peek(int limit) {
                    List<Message> all = new ArrayList<>(delegate.peek(Integer.MAX_VALUE));
                    Collections.reverse(all);
                    return all.subList(0, Math.min(limit, all.size()));
                }
            });
        }
    }

    /** Finish claims success for any message, reserved or not. */
    static class FinishAlwaysTrue extends Double {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return wrapped(name, options, new ForwardingBackend(memory(name, options)) {
                @Override
                public Set<String> finish(List<Message> messages) {
                    delegate.finish(messages);
                    Set<String> all = new java.util.HashSet<>();
                    messages.forEach(m -> all.add(m.id()));
                    return all;
                }
            });
        }
    }

    /** Finish looks at the id only, as v1 backends did: a stale holder's finish removes someone else's reservation. */
    static class IgnoresTokens extends Double {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return wrapped(name, options, new ForwardingBackend(memory(name, options)) {
                private final Map<String, Message> current = new java.util.concurrent.ConcurrentHashMap<>();

                @Override
                public List<Message> reserve(int max, java.time.Duration timeout) {
                    List<Message> messages = delegate.reserve(max, timeout);
                    messages.forEach(m -> current.put(m.id(), m));
                    return messages;
                }

                @Override
                public Set<String> finish(List<Message> messages) {
                    return delegate.finish(messages.stream().map(m -> current.getOrDefault(m.id(), m)).toList());
                }
            });
        }
    }

    /** listDelayed returns the latest due first, and fills no oldest-ready age while declaring it. */
    static class LatestDueFirstAndNoAge extends Double {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return wrapped(name, options, new ForwardingBackend(memory(name, options)) {
                @Override
                public List<DelayedMessage> listDelayed(int limit) {
                    List<DelayedMessage> all = new ArrayList<>(delegate.listDelayed(Integer.MAX_VALUE));
                    Collections.reverse(all);
                    return all.subList(0, Math.min(limit, all.size()));
                }

                @Override
                public QueueCounts counts() {
                    QueueCounts counts = delegate.counts();
                    return new QueueCounts(counts.ready(), counts.delayed(), counts.reserved(), counts.failed());
                }
            });
        }
    }

    /** find reports every message it holds as ready, whatever its state. */
    static class FindSaysAlwaysReady extends Double {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return wrapped(name, options, new ForwardingBackend(memory(name, options)) {
                @Override
                public Optional<MessageInfo> find(String id) {
                    return delegate.find(id).map(info -> MessageInfo.ready(info.message()));
                }
            });
        }
    }

    /** A correct queue that declares neither delays, priorities nor leases. */
    static class WithoutDelayPriorityAndLeases extends Double {
        @Override
        protected Queue createQueue(String name, Map<String, Object> options) {
            return wrapped(name, options, new ForwardingBackend(memory(name, options)) {
                @Override
                public QueueCapabilities capabilities() {
                    return QueueCapabilities.all("limited").without(Capability.DELAY, Capability.PRIORITY, Capability.LEASES);
                }
            });
        }
    }

    static QueueBackend memory(String name, Map<String, Object> options) {
        return InMemoryBackend.create(QueueContext.of(name, options));
    }

    static Queue wrapped(String name, Map<String, Object> options, QueueBackend backend) {
        return Queue.of(QueueContext.of(name, options), backend);
    }

    /** The doubles build their queues themselves; no test of theirs starts a worker process. */
    abstract static class Double extends QueueConformanceTest {
        @Override
        protected Map<String, Object> backendSettings(Map<String, Object> options) {
            throw new UnsupportedOperationException("a test double has no settings");
        }
    }

    @Test
    void ignoringTokens_failsTheFencingTestsOfFinish() {
        EngineExecutionResults results = run(IgnoresTokens.class, QueueConformanceTest.Fencing.class);

        assertThat(names(results, TestExecutionResult.Status.FAILED)).containsExactlyInAnyOrder(
                "aReleasedMessage_isReservedAgainUnderANewToken_andTheOldOneIsVoid",
                "aMessageWithAForgedToken_isNotTouched",
                "staleHolder_afterTheMessageWasReservedAgain_changesNothing FINISH");
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
    void latestDueFirstAndNoAge_failsTheDelayedOrderTestAndTheAgeTests() {
        EngineExecutionResults results = run(LatestDueFirstAndNoAge.class,
                QueueConformanceTest.DelayedList.class, QueueConformanceTest.ReadyAge.class);

        assertThat(names(results, TestExecutionResult.Status.FAILED)).containsExactlyInAnyOrder(
                "listDelayed_ordersSoonestDueFirst_andHonoursTheLimit",
                "oldestReadyAge_isTheAgeOfTheMessageReadyLongest",
                "oldestReadyAge_ofADelayedMessage_countsFromWhenItBecameDue");
        assertThat(names(results, TestExecutionResult.Status.SUCCESSFUL)).contains(
                "listDelayed_changesNothing_andTheMessageStillBecomesReadyWhenDue", "oldestReadyAge_isEmpty_whenNoMessageIsReady");
    }

    @Test
    void findSaysAlwaysReady_failsTheFindTestsOfEveryOtherState() {
        EngineExecutionResults results = run(FindSaysAlwaysReady.class, QueueConformanceTest.Find.class);

        assertThat(names(results, TestExecutionResult.Status.FAILED)).containsExactlyInAnyOrder(
                "find_ofADelayedMessage_hasItsDueTime",
                "find_ofAReservedMessage_hasTheEndOfItsLease",
                "find_ofAFailedMessage_hasItsReason",
                "find_changesNothing");
        assertThat(names(results, TestExecutionResult.Status.SUCCESSFUL)).contains(
                "find_ofAReadyMessage_hasItsStatePayloadAndHeaders_andNoToken", "find_ofAnUnknownOrMalformedId_isEmpty");
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
                "submit_withDelay_isNeitherTakeableNorCountedReadyUntilDue", "leaseExpiry_returnsTheMessageWithOneMoreDelivery_notARelease");
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
