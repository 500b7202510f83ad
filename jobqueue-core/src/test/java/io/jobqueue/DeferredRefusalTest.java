package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A proxy is refused when it is made, with a message that names the method and why. */
class DeferredRefusalTest {

    static final String Q = "refusal";

    private QueueManager queues;
    private JobManager jobs;

    @BeforeEach
    void setUp() {
        queues = new QueueManager(JobQueueSettings.builder()
                .queue(Q, QueueSettings.builder().className("memory").queueNamePrefix("q-" + UUID.randomUUID() + "-").build())
                .build());
        jobs = new JobManager(queues);
    }

    @AfterEach
    void tearDown() {
        queues.close();
        InstanceResolver.setDefault(null);
    }

    static class NotPublic {
        @Defer(queue = Q)
        void hidden() {
        }
    }

    static class NotVoid {
        @Defer(queue = Q)
        public String answer() {
            return "42";
        }
    }

    static class FinalMethod {
        @Defer(queue = Q)
        public final void fixed() {
        }
    }

    static class StaticMethod {
        @Defer(queue = Q)
        public static void shared() {
        }
    }

    static final class FinalClass {
        @Defer(queue = Q)
        public void run() {
        }
    }

    static class UnknownQueue {
        @Defer(queue = "mial")
        public void send() {
        }
    }

    static class NegativeDelay {
        @Defer(queue = Q, delay = -1)
        public void send() {
        }
    }

    public interface Task {
        void run();
    }

    static final class PrivateDeferInImplementation implements Task {
        @Override
        public void run() {
            helper();
        }

        @Defer(queue = Q)
        private void helper() {
        }
    }

    static final class FinalImplementation implements Task {
        @Override
        @Defer(queue = Q)
        public final void run() {
        }
    }

    static class StreamArgument {
        @Defer(queue = Q)
        public void upload(String name, java.io.InputStream data) {
        }
    }

    static class FunctionArgument {
        @Defer(queue = Q)
        public void each(java.util.function.Consumer<String> action) {
        }
    }

    static class DateArgument {
        @Defer(queue = Q)
        public void remind(java.time.LocalDate day) {
        }
    }

    public interface Archive {
        @Defer(queue = Q)
        void store(Object item);
    }

    static class Archiver implements Archive {
        @Override
        public void store(Object item) {
        }
    }

    @Test
    void aStreamArgument_isRefusedWhenTheProxyIsMade_namingTheArgument() {
        assertThatThrownBy(() -> Deferred.proxy(jobs, StreamArgument.class, new StreamArgument()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(StreamArgument.class.getName() + "#upload: argument 2 (InputStream) cannot travel as JSON")
                .hasMessageContaining("AutoCloseable");
    }

    @Test
    void aFunctionArgument_isRefusedWhenTheProxyIsMade() {
        assertThatThrownBy(() -> Deferred.proxy(jobs, FunctionArgument.class, new FunctionArgument()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(FunctionArgument.class.getName() + "#each: argument 1 (Consumer) cannot travel as JSON");
    }

    @Test
    void aClassThatImplementsAFunctionalInterface_isData_notAFunction() {
        // LocalDate is a TemporalAdjuster, a @FunctionalInterface; it still travels as JSON
        DateArgument proxy = Deferred.proxy(jobs, DateArgument.class, new DateArgument());

        proxy.remind(java.time.LocalDate.of(2026, 12, 24));

        assertThat(queues.getQueue(Q).counts().ready()).as("the deferred call with a LocalDate").isEqualTo(1);
    }

    @Test
    void aStreamPassedForAnObjectParameter_isRefusedAtTheCall_andNothingIsQueued() {
        Archive archive = Deferred.proxy(jobs, Archive.class, new Archiver());

        assertThatThrownBy(() -> archive.store(new java.io.ByteArrayInputStream(new byte[] {1, 2})))
                .isInstanceOf(JobSerializationException.class)
                .hasMessageContaining("argument 1 of the deferred call " + Archiver.class.getName() + "#store cannot travel as JSON")
                .hasMessageContaining("nothing was queued");
        Runnable lambda = () -> { };
        assertThatThrownBy(() -> archive.store(lambda)).isInstanceOf(JobSerializationException.class)
                .hasMessageContaining("code, not data");
        assertThat(queues.getQueue(Q).countReady()).isZero();

        archive.store("a plain value");
        assertThat(queues.getQueue(Q).countReady()).isEqualTo(1);
    }

    @Test
    void nonPublicMethod_refused() {
        assertThatThrownBy(() -> Deferred.proxy(jobs, NotPublic.class, new NotPublic()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(NotPublic.class.getName() + "#hidden is not public");
    }

    @Test
    void nonVoidMethod_refused() {
        assertThatThrownBy(() -> Deferred.proxy(jobs, NotVoid.class, new NotVoid()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(NotVoid.class.getName() + "#answer returns String, not void");
    }

    @Test
    void finalMethodOfProxiedClass_refused() {
        assertThatThrownBy(() -> Deferred.proxy(jobs, FinalMethod.class, new FinalMethod()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(FinalMethod.class.getName() + "#fixed is final");
    }

    @Test
    void staticMethod_refused() {
        assertThatThrownBy(() -> Deferred.proxy(jobs, StaticMethod.class, new StaticMethod()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(StaticMethod.class.getName() + "#shared is static");
    }

    @Test
    void finalClass_refused() {
        assertThatThrownBy(() -> Deferred.proxy(jobs, FinalClass.class, new FinalClass()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(FinalClass.class.getName() + " is final, so no proxy can subclass it");
    }

    @Test
    void unknownQueue_refusedWithSuggestion() {
        assertThatThrownBy(() -> Deferred.proxy(jobs, UnknownQueue.class, new UnknownQueue()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(UnknownQueue.class.getName() + "#send")
                .hasMessageContaining("'mial' is not configured");
    }

    @Test
    void negativeDelay_refused() {
        assertThatThrownBy(() -> Deferred.proxy(jobs, NegativeDelay.class, new NegativeDelay()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(NegativeDelay.class.getName() + "#send has delay -1.0");
    }

    @Test
    void interfaceProxy_privateDeferOnImplementation_refused() {
        assertThatThrownBy(() -> Deferred.proxy(jobs, Task.class, new PrivateDeferInImplementation()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(PrivateDeferInImplementation.class.getName() + "#helper is not public");
    }

    @Test
    void interfaceProxy_finalImplementationMethod_accepted() {
        Task task = Deferred.proxy(jobs, Task.class, new FinalImplementation());

        task.run();

        assertThat(queues.getQueue(Q).countReady()).isEqualTo(1);
    }

    @Test
    void targetOfWrongType_refused() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> wrong = (Class) Task.class;
        assertThatThrownBy(() -> Deferred.proxy(jobs, wrong, new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
