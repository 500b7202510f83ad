package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeferTest {

    static final String MAIL = "mail";
    static final String REPORTS = "reports";

    private QueueManager queues;
    private JobManager jobs;
    private final List<SubmitOptions> submitted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        String prefix = "q-" + UUID.randomUUID() + "-";
        queues = new QueueManager(JobQueueSettings.builder()
                // delay 0: a failed call is ready again at once, as the tests below expect (no backoff)
                .queue(MAIL, QueueSettings.builder().className("memory").queueNamePrefix(prefix).releaseOption("delay", 0).build())
                .queue(REPORTS, QueueSettings.builder().className("memory").queueNamePrefix(prefix).build())
                .build());
        jobs = new JobManager(queues);
        jobs.addListener(new JobListener() {
            @Override
            public void messageSubmitted(Queue queue, String messageId, String payload, SubmitOptions options) {
                submitted.add(options);
            }
        });
    }

    @AfterEach
    void tearDown() {
        queues.close();
        InstanceResolver.setDefault(null);
    }

    // --- fixtures ---

    record Address(String street, String city) {
    }

    record SendCall(String to, List<Address> addresses, String note) {
    }

    public interface Mailer {
        @Defer(queue = MAIL)
        void send(String to, List<Address> addresses, String note);

        String greeting(String name);
    }

    static final class RecordingMailer implements Mailer {
        final List<SendCall> calls = new CopyOnWriteArrayList<>();
        final List<Class<?>> addressTypes = new CopyOnWriteArrayList<>();

        @Override
        public void send(String to, List<Address> addresses, String note) {
            calls.add(new SendCall(to, addresses, note));
            for (Object address : addresses) {
                addressTypes.add(address.getClass());
            }
        }

        @Override
        public String greeting(String name) {
            return "Hello " + name;
        }
    }

    public interface Notifier {
        void notify(String text);
    }

    static class AnnotatedNotifier implements Notifier {
        final List<String> texts = new CopyOnWriteArrayList<>();

        @Override
        @Defer(queue = MAIL)
        public void notify(String text) {
            texts.add(text);
        }
    }

    /** A package-private class with a constructor that takes arguments and counts its calls. */
    static class ReportService {
        static final AtomicInteger CONSTRUCTED = new AtomicInteger();
        final List<String> made = new CopyOnWriteArrayList<>();
        private final String prefix;

        ReportService(String prefix) {
            this.prefix = prefix;
            CONSTRUCTED.incrementAndGet();
        }

        @Defer(queue = REPORTS, delay = 3600, priority = 5)
        public void buildLater(String name, int year) {
            made.add(prefix + name + year);
        }

        @Defer(queue = REPORTS)
        public void build(String name, int year, double[] weights) {
            made.add(prefix + name + year + Arrays.toString(weights));
        }

        @Defer(queue = MAIL, priority = 7)
        public void urgent(String name) {
            made.add("urgent " + name);
        }

        public String describe() {
            return "reports by " + prefix;
        }
    }

    public interface Handler<T> {
        @Defer(queue = MAIL)
        void handle(T item);
    }

    static class AddressHandler implements Handler<Address> {
        final List<Object> handled = new CopyOnWriteArrayList<>();

        @Override
        public void handle(Address item) {
            handled.add(item);
        }
    }

    static class FailingService {
        @Defer(queue = MAIL)
        public void explode(String why) {
            throw new IllegalStateException("exploded: " + why);
        }
    }

    // --- interface proxies ---

    @Test
    void interfaceProxy_deferredCall_queuesMessageAndReturnsAtOnce() {
        RecordingMailer target = new RecordingMailer();
        Mailer mailer = Deferred.proxy(jobs, Mailer.class, target);

        mailer.send("someone@example.com", List.of(new Address("Main St 1", "Springfield")), null);

        assertThat(target.calls).isEmpty();
        assertThat(queues.getQueue(MAIL).countReady()).isEqualTo(1);
        String payload = queues.getQueue(MAIL).peek(1).get(0).payload();
        assertThat(payload).contains("\"type\":\"io.jobqueue.MethodCallJob\"", "\"targetType\":\"" + RecordingMailer.class.getName() + "\"",
                "\"method\":\"send\"", "Springfield");
        assertThat(payload).doesNotContain("$Proxy");
    }

    @Test
    void interfaceProxy_workerCallsRealTargetWithSameArguments_genericListAndNullIncluded() {
        RecordingMailer target = new RecordingMailer();
        Mailer mailer = Deferred.proxy(jobs, Mailer.class, target);
        List<Address> addresses = List.of(new Address("Main St 1", "Springfield"), new Address("Elm St 2", "Shelbyville"));

        mailer.send("someone@example.com", addresses, null);
        assertThat(jobs.waitAndExecute(MAIL, Duration.ZERO)).isPresent();

        assertThat(target.calls).containsExactly(new SendCall("someone@example.com", addresses, null));
        assertThat(target.addressTypes).containsOnly(Address.class);
        assertThat(queues.getQueue(MAIL).countReady()).isZero();
        assertThat(queues.getQueue(MAIL).countReserved()).isZero();
    }

    @Test
    void interfaceProxy_annotationOnImplementingClassMethod_counts() {
        AnnotatedNotifier target = new AnnotatedNotifier();
        Notifier notifier = Deferred.proxy(jobs, Notifier.class, target);

        notifier.notify("hello");
        assertThat(target.texts).isEmpty();
        jobs.waitAndExecute(MAIL, Duration.ZERO);

        assertThat(target.texts).containsExactly("hello");
    }

    @Test
    void interfaceProxy_methodWithoutDefer_runsOnTargetAtOnce() {
        Mailer mailer = Deferred.proxy(jobs, Mailer.class, new RecordingMailer());

        assertThat(mailer.greeting("Ada")).isEqualTo("Hello Ada");
        assertThat(queues.getQueue(MAIL).countReady()).isZero();
    }

    @Test
    void interfaceProxy_genericInterfaceMethod_argumentsReadAsImplementationsParameterType() {
        AddressHandler target = new AddressHandler();
        @SuppressWarnings("unchecked")
        Handler<Address> handler = Deferred.proxy(jobs, Handler.class, target);

        handler.handle(new Address("Main St 1", "Springfield"));
        jobs.waitAndExecute(MAIL, Duration.ZERO);

        assertThat(target.handled).containsExactly(new Address("Main St 1", "Springfield"));
    }

    // --- class proxies ---

    @Test
    void classProxy_deferredCall_queuesMessage_workerCallsRealTarget() {
        ReportService target = new ReportService("acme-");
        int constructedBefore = ReportService.CONSTRUCTED.get();
        ReportService reports = Deferred.proxy(jobs, ReportService.class, target);

        assertThat(ReportService.CONSTRUCTED.get()).as("no constructor runs for the proxy").isEqualTo(constructedBefore);
        reports.build("sales", 2024, new double[] {0.5, 1.5});
        assertThat(target.made).isEmpty();
        assertThat(queues.getQueue(REPORTS).countReady()).isEqualTo(1);

        jobs.waitAndExecute(REPORTS, Duration.ZERO);

        assertThat(target.made).containsExactly("acme-sales2024[0.5, 1.5]");
        assertThat(reports.describe()).as("other methods run on the target").isEqualTo("reports by acme-");
    }

    @Test
    void classProxy_delayAndPriorityFromAnnotation_reachTheQueue() {
        ReportService reports = Deferred.proxy(jobs, ReportService.class, new ReportService("x"));

        reports.buildLater("sales", 2024);

        assertThat(submitted).containsExactly(new SubmitOptions(Duration.ofHours(1), 5, java.util.Map.of()));
        assertThat(queues.getQueue(REPORTS).countReady()).as("delayed an hour").isZero();
        assertThat(queues.getQueue(REPORTS).peek(10)).isEmpty();
        assertThat(jobs.waitAndExecute(REPORTS, Duration.ZERO)).isEmpty();
    }

    @Test
    void classProxy_priorityFromAnnotation_runsBeforeEarlierDefaultPriorityMessage() {
        ReportService target = new ReportService("x");
        ReportService reports = Deferred.proxy(jobs, ReportService.class, target);
        jobs.queue(MAIL, MethodCallJob.of(ReportService.class, method(ReportService.class, "urgent", String.class), "ordinary"));

        reports.urgent("first");

        assertThat(submitted.get(1).priority()).isEqualTo(7);
        assertThat(queues.getQueue(MAIL).peek(2).get(0).payload()).contains("first");
        jobs.waitAndExecute(MAIL, Duration.ZERO);
        assertThat(target.made).containsExactly("urgent first");
    }

    @Test
    void proxy_registersRealTargetWithDefaultResolver_neverTheProxy() {
        RecordingMailer target = new RecordingMailer();
        Mailer mailer = Deferred.proxy(jobs, Mailer.class, target);

        assertThat(InstanceResolver.defaultResolver().resolve(RecordingMailer.class)).isSameAs(target);
        assertThat(Deferred.isProxy(mailer)).isTrue();
        assertThat(Deferred.isProxy(target)).isFalse();
        assertThatThrownBy(() -> Deferred.proxy(jobs, Mailer.class, mailer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy already");
    }

    // --- failures ---

    @Test
    void deferredMethodThatThrows_waitAndExecuteThrows_messageReleased() {
        FailingService service = Deferred.proxy(jobs, FailingService.class, new FailingService());

        service.explode("on purpose");

        assertThatThrownBy(() -> jobs.waitAndExecute(MAIL, Duration.ZERO))
                .isInstanceOf(JobExecutionException.class)
                .satisfies(e -> assertThat(((JobExecutionException) e).released()).isTrue())
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("exploded: on purpose");
        assertThat(queues.getQueue(MAIL).countReady()).isEqualTo(1);
        assertThat(queues.getQueue(MAIL).peek(1).get(0).numberOfReleases()).isEqualTo(1);
    }

    // --- nested defer (the original's PR #68) ---

    static class NestingService {
        final List<String> log = new CopyOnWriteArrayList<>();
        NestingService self;

        @Defer(queue = MAIL)
        public void outer(int depth) {
            log.add("outer " + depth);
            if (depth == 0) {
                self.outer(1);
                self.other("from outer");
            }
        }

        @Defer(queue = MAIL)
        public void other(String text) {
            log.add("other " + text);
        }
    }

    @Test
    void insideJob_sameMethodThroughProxy_runsSynchronously_differentMethodIsDeferred() {
        NestingService target = new NestingService();
        NestingService proxy = Deferred.proxy(jobs, NestingService.class, target);
        target.self = proxy;

        proxy.outer(0);
        assertThat(target.log).isEmpty();
        jobs.waitAndExecute(MAIL, Duration.ZERO);

        assertThat(target.log).containsExactly("outer 0", "outer 1");
        assertThat(queues.getQueue(MAIL).countReady()).as("other() was deferred").isEqualTo(1);
        jobs.waitAndExecute(MAIL, Duration.ZERO);
        assertThat(target.log).containsExactly("outer 0", "outer 1", "other from outer");
    }

    @Test
    void afterJob_sameMethodIsDeferredAgain() {
        NestingService target = new NestingService();
        NestingService proxy = Deferred.proxy(jobs, NestingService.class, target);
        target.self = proxy;
        proxy.outer(1);
        jobs.waitAndExecute(MAIL, Duration.ZERO);

        proxy.outer(1);

        assertThat(target.log).containsExactly("outer 1");
        assertThat(queues.getQueue(MAIL).countReady()).isEqualTo(1);
    }

    @Test
    void jobThatThrows_stillClearsRunningMark() {
        FailingService service = Deferred.proxy(jobs, FailingService.class, new FailingService());
        service.explode("once");
        assertThatThrownBy(() -> jobs.waitAndExecute(MAIL, Duration.ZERO)).isInstanceOf(JobExecutionException.class);

        assertThat(MethodCallJob.isRunningInThisThread(FailingService.class, method(FailingService.class, "explode", String.class)))
                .isFalse();
    }

    @Test
    void fakeQueue_deferredCallRunsInline_nestedDifferentMethodToo() {
        QueueManager fakes = new QueueManager(JobQueueSettings.builder().queue(MAIL, "fake").build());
        try {
            NestingService target = new NestingService();
            NestingService proxy = Deferred.proxy(new JobManager(fakes), NestingService.class, target);
            target.self = proxy;

            proxy.outer(0);

            assertThat(target.log).containsExactly("outer 0", "outer 1", "other from outer");
        } finally {
            fakes.close();
        }
    }

    @Test
    void worker_runsDeferredCallsOnItsOwnThreads() {
        RecordingMailer target = new RecordingMailer();
        Mailer mailer = Deferred.proxy(jobs, Mailer.class, target);
        for (int i = 0; i < 20; i++) {
            mailer.send("user" + i + "@example.com", List.of(), "n" + i);
        }

        try (Worker worker = Worker.builder(jobs).queues(MAIL).concurrency(4).pollTimeout(Duration.ofMillis(50))
                .stopOnSignals(false).build()) {
            Thread runner = new Thread(worker::run, "defer-test-worker");
            runner.start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> target.calls.size() == 20);
        }

        assertThat(target.calls).extracting(SendCall::note).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 20).mapToObj(i -> "n" + i).toList());
    }

    static Method method(Class<?> type, String name, Class<?>... parameterTypes) {
        try {
            return type.getMethod(name, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
