package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MethodCallJobTest {

    static final String Q = "calls";

    private QueueManager queues;
    private JobManager jobs;
    private final InstanceRegistry registry = new InstanceRegistry();

    @BeforeEach
    void setUp() {
        queues = new QueueManager(JobQueueSettings.builder()
                .queue(Q, QueueSettings.builder().className("memory").queueNamePrefix("q-" + UUID.randomUUID() + "-").build())
                .build());
        jobs = new JobManager(queues);
        InstanceResolver.setDefault(registry);
    }

    @AfterEach
    void tearDown() {
        queues.close();
        InstanceResolver.setDefault(null);
    }

    record Address(String street, String city) {
    }

    public static class Recorder {
        final List<Object> calls = new CopyOnWriteArrayList<>();

        @Defer(queue = Q)
        public void typed(List<Address> addresses, Map<String, LocalDate> dates, int count, String absent) {
            calls.add(List.of(addresses.get(0).getClass(), dates.values().iterator().next().getClass(), count, String.valueOf(absent)));
            calls.add(addresses);
            calls.add(dates);
        }

        @Defer(queue = Q)
        public void overloaded(String text) {
            calls.add("text " + text);
        }

        @Defer(queue = Q)
        public void overloaded(int number) {
            calls.add("number " + number);
        }

        @Defer(queue = Q)
        public void overloaded(String text, int number) {
            calls.add("both " + text + number);
        }

        public void notDeferred(String text) {
            calls.add("not deferred " + text);
        }
    }

    /** Has only a private no-argument constructor; never registered. */
    public static class SelfMade {
        static final List<SelfMade> INSTANCES = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        private SelfMade() {
            INSTANCES.add(this);
        }

        @Defer(queue = Q)
        public void run(String text) {
            calls.add(text);
        }
    }

    public static class NeedsArguments {
        NeedsArguments(String required) {
        }

        @Defer(queue = Q)
        public void run() {
        }
    }

    static Method method(Class<?> type, String name, Class<?>... parameterTypes) throws NoSuchMethodException {
        return type.getMethod(name, parameterTypes);
    }

    private Job roundTrip(Job job) {
        JobSerializer serializer = jobs.serializer();
        return serializer.deserialize(serializer.serialize(job));
    }

    @Test
    void payload_isPlainJson_namingOriginalClassMethodParameterTypesAndArguments() throws Exception {
        MethodCallJob job = MethodCallJob.of(Recorder.class, method(Recorder.class, "overloaded", String.class, int.class), "a", 2);

        JsonNode payload = new ObjectMapper().readTree(jobs.serializer().serialize(job));

        assertThat(payload.get("type").asText()).isEqualTo(MethodCallJob.class.getName());
        JsonNode data = payload.get("job");
        assertThat(data.get("targetType").asText()).isEqualTo(Recorder.class.getName());
        assertThat(data.get("method").asText()).isEqualTo("overloaded");
        assertThat(data.get("parameterTypes").toString()).isEqualTo("[\"java.lang.String\",\"int\"]");
        assertThat(data.get("arguments").toString()).isEqualTo("[\"a\",2]");
    }

    @Test
    void roundTrip_keepsEveryField() throws Exception {
        MethodCallJob job = MethodCallJob.of(Recorder.class, method(Recorder.class, "typed", List.class, Map.class, int.class, String.class),
                List.of(new Address("Main St 1", "Springfield")), Map.of("due", LocalDate.of(2024, 2, 29)), 3, null);

        MethodCallJob read = (MethodCallJob) roundTrip(job);

        assertThat(read.targetType()).isEqualTo(job.targetType());
        assertThat(read.methodName()).isEqualTo("typed");
        assertThat(read.parameterTypes()).isEqualTo(job.parameterTypes());
        assertThat(read.arguments()).isEqualTo(job.arguments());
        assertThat(read.arguments().toString()).isEqualTo("[[{\"street\":\"Main St 1\",\"city\":\"Springfield\"}],{\"due\":\"2024-02-29\"},3,null]");
    }

    @Test
    void execute_afterRoundTrip_readsArgumentsAsGenericParameterTypes() throws Exception {
        Recorder recorder = new Recorder();
        registry.register(Recorder.class, recorder);
        MethodCallJob job = MethodCallJob.of(Recorder.class, method(Recorder.class, "typed", List.class, Map.class, int.class, String.class),
                List.of(new Address("Main St 1", "Springfield")), Map.of("due", LocalDate.of(2024, 2, 29)), 3, null);

        assertThat(roundTrip(job).execute(null, null)).isTrue();

        assertThat(recorder.calls).containsExactly(List.of(Address.class, LocalDate.class, 3, "null"),
                List.of(new Address("Main St 1", "Springfield")), Map.of("due", LocalDate.of(2024, 2, 29)));
    }

    @Test
    void execute_callsTheOverloadNamedByParameterTypes() throws Exception {
        Recorder recorder = new Recorder();
        registry.register(Recorder.class, recorder);

        roundTrip(MethodCallJob.of(Recorder.class, method(Recorder.class, "overloaded", int.class), 7)).execute(null, null);
        roundTrip(MethodCallJob.of(Recorder.class, method(Recorder.class, "overloaded", String.class), "7")).execute(null, null);
        roundTrip(MethodCallJob.of(Recorder.class, method(Recorder.class, "overloaded", String.class, int.class), "x", 7)).execute(null, null);

        assertThat(recorder.calls).containsExactly("number 7", "text 7", "both x7");
    }

    @Test
    void execute_methodWithoutDefer_refusedAndAborted_neverCalled() throws Exception {
        Recorder recorder = new Recorder();
        registry.register(Recorder.class, recorder);
        jobs.queue(Q, MethodCallJob.of(Recorder.class, method(Recorder.class, "notDeferred", String.class), "x"));

        assertThatThrownBy(() -> jobs.waitAndExecute(Q, Duration.ZERO))
                .isInstanceOf(JobExecutionException.class)
                .satisfies(e -> assertThat(((JobExecutionException) e).released()).isFalse())
                .cause().isInstanceOf(UnreadablePayloadException.class).hasMessageContaining("not annotated @Defer");
        assertThat(recorder.calls).isEmpty();
        assertThat(queues.getQueue(Q).countFailed()).isEqualTo(1);
    }

    @Test
    void execute_targetClassNotOnClassPath_abortedWithReason() {
        queues.getQueue(Q).submit("{\"type\":\"io.jobqueue.MethodCallJob\",\"job\":{\"targetType\":\"com.example.gone.Reports\","
                + "\"method\":\"build\",\"parameterTypes\":[],\"arguments\":[]}}", SubmitOptions.DEFAULT);

        assertThatThrownBy(() -> jobs.waitAndExecute(Q, Duration.ZERO)).isInstanceOf(JobExecutionException.class);

        assertThat(queues.getQueue(Q).listFailed(1).get(0).reason()).contains("com.example.gone.Reports is not on the class path");
    }

    @Test
    void execute_argumentThatNoLongerFits_abortedNamingTheArgument() throws Exception {
        MethodCallJob job = MethodCallJob.of(Recorder.class, method(Recorder.class, "overloaded", int.class), 1);
        String payload = jobs.serializer().serialize(job).replace("\"arguments\":[1]", "\"arguments\":[{\"not\":\"a number\"}]");
        queues.getQueue(Q).submit(payload, SubmitOptions.DEFAULT);

        assertThatThrownBy(() -> jobs.waitAndExecute(Q, Duration.ZERO))
                .cause().isInstanceOf(UnreadablePayloadException.class).hasMessageContaining("argument 1 of");
        assertThat(queues.getQueue(Q).countFailed()).isEqualTo(1);
    }

    @Test
    void execute_unregisteredClass_builtWithPrivateNoArgumentConstructor_freshEachTime() throws Exception {
        SelfMade.INSTANCES.clear();
        Job job = roundTrip(MethodCallJob.of(SelfMade.class, method(SelfMade.class, "run", String.class), "hi"));

        job.execute(null, null);
        job.execute(null, null);

        assertThat(SelfMade.INSTANCES).hasSize(2);
        assertThat(SelfMade.INSTANCES).allSatisfy(instance -> assertThat(instance.calls).containsExactly("hi"));
    }

    @Test
    void execute_noInstanceToBeHad_failsNamingTheType_andIsReleasedForRetry() throws Exception {
        jobs.queue(Q, MethodCallJob.of(NeedsArguments.class, method(NeedsArguments.class, "run")));

        assertThatThrownBy(() -> jobs.waitAndExecute(Q, Duration.ZERO))
                .isInstanceOf(JobExecutionException.class)
                .satisfies(e -> assertThat(((JobExecutionException) e).released()).isTrue())
                .cause().isInstanceOf(JobQueueException.class)
                .hasMessageContaining(NeedsArguments.class.getName())
                .hasMessageContaining("no no-argument constructor");
    }

    @Test
    void execute_usesTheProcessWideResolver() throws Exception {
        Recorder recorder = new Recorder();
        List<Class<?>> asked = new CopyOnWriteArrayList<>();
        InstanceResolver.setDefault(type -> {
            asked.add(type);
            return recorder;
        });

        roundTrip(MethodCallJob.of(Recorder.class, method(Recorder.class, "overloaded", String.class), "via resolver")).execute(null, null);

        assertThat(asked).containsExactly(Recorder.class);
        assertThat(recorder.calls).containsExactly("text via resolver");
    }

    @Test
    void execute_exceptionOfTheMethod_propagatesUnwrapped() throws Exception {
        InstanceResolver.setDefault(type -> new Recorder() {
            @Override
            public void overloaded(String text) {
                throw new IllegalArgumentException("bad " + text);
            }
        });
        Job job = MethodCallJob.of(Recorder.class, method(Recorder.class, "overloaded", String.class), "input");

        assertThatThrownBy(() -> job.execute(null, null)).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input");
    }

    static final class Cycle {
        @SuppressWarnings("unused")
        private final Cycle self = this;
    }

    public static class TakesCycle {
        @Defer(queue = Q)
        public void take(Cycle cycle) {
        }
    }

    @Test
    void of_argumentThatCannotBeJson_failsNamingTheArgument() throws Exception {
        Method take = method(TakesCycle.class, "take", Cycle.class);

        assertThatThrownBy(() -> MethodCallJob.of(TakesCycle.class, take, new Cycle()))
                .isInstanceOf(JobQueueException.class)
                .hasMessageContaining("argument 1 of " + TakesCycle.class.getName() + "#take");
    }

    @Test
    void of_wrongNumberOfArguments_refused() throws Exception {
        Method overloaded = method(Recorder.class, "overloaded", String.class);

        assertThatThrownBy(() -> MethodCallJob.of(Recorder.class, overloaded, "a", "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1 arguments, got 2");
    }
}
