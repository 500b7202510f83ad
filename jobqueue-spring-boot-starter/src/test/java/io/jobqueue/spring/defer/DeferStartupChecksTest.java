package io.jobqueue.spring.defer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.jobqueue.Defer;
import io.jobqueue.InstanceResolver;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import io.jobqueue.spring.JobQueueDeferAutoConfiguration;
import io.jobqueue.spring.internal.DeferChecks;
import java.io.InputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ReflectionUtils;

/**
 * A broken {@code @Defer} method of a bean stops start-up with a message that names
 * {@code Class#method(parameters)} and what is wrong; so does a queue that is not configured.
 */
class DeferStartupChecksTest {

    static final String QUEUE = "spring-defer-checks";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JobQueueAutoConfiguration.class, JobQueueDeferAutoConfiguration.class))
            .withPropertyValues("jobqueue.queues." + QUEUE + ".class-name=memory");

    public static class PrivateMethod {
        @Defer(queue = QUEUE)
        private void work(String id) {
            // never deferred
        }

        public void use() {
            work("x");
        }
    }

    public static class FinalMethod {
        @Defer(queue = QUEUE)
        public final void work(String id) {
            // a class proxy cannot intercept it
        }
    }

    public static class ReturnsValue {
        @Defer(queue = QUEUE)
        public String work(String id) {
            return id;
        }
    }

    public static class ObjectParameter {
        @Defer(queue = QUEUE)
        public void work(Object payload) {
            // would get a Map
        }
    }

    public static class StreamParameter {
        @Defer(queue = QUEUE)
        public void work(String name, InputStream content) {
            // a stream exists only here
        }
    }

    /** No type information: Jackson cannot build one. */
    public interface Shape {
        double area();
    }

    public static class AbstractParameter {
        @Defer(queue = QUEUE)
        public void work(Shape shape) {
            // cannot be read back
        }
    }

    public static class FunctionParameter {
        @Defer(queue = QUEUE)
        public void work(Consumer<String> callback) {
            // code, not data
        }
    }

    public static final class FinalClass {
        @Defer(queue = QUEUE)
        public void work(String id) {
            // no class proxy can subclass it
        }
    }

    public static class StaticMethod {
        @Defer(queue = QUEUE)
        public static void work(String id) {
            // no proxy sees static calls
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FinalClassBeans {
        @Bean
        FinalClass bean() {
            return new FinalClass();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class StaticBeans {
        @Bean
        StaticMethod bean() {
            return new StaticMethod();
        }
    }

    @Test
    void aFinalClass_failsStartUp() {
        runner.withUserConfiguration(FinalClassBeans.class).run(context -> assertFailure(context,
                FinalClass.class.getName() + " is final, so no class (CGLIB) proxy can subclass it"));
    }

    @Configuration(proxyBeanMethods = false)
    static class LambdaBeans {
        @Bean
        Task task() {
            return id -> { };
        }
    }

    @Test
    void aLambdaBean_failsStartUp() {
        runner.withUserConfiguration(LambdaBeans.class).run(context -> assertFailure(context,
                "is a lambda or a proxy class, which a worker cannot load by name"));
    }

    @Test
    void aStaticMethod_failsStartUp() {
        runner.withUserConfiguration(StaticBeans.class).run(context -> assertFailure(context,
                StaticMethod.class.getName() + "#work(String) is static"));
    }

    public static class UnknownQueue {
        @Defer(queue = "spring-defer-no-such-queue")
        public void work(String id) {
            // the queue is a typo
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrivateBeans {
        @Bean
        PrivateMethod bean() {
            return new PrivateMethod();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FinalBeans {
        @Bean
        FinalMethod bean() {
            return new FinalMethod();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ReturnsBeans {
        @Bean
        ReturnsValue bean() {
            return new ReturnsValue();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ObjectBeans {
        @Bean
        ObjectParameter bean() {
            return new ObjectParameter();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class StreamBeans {
        @Bean
        StreamParameter bean() {
            return new StreamParameter();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AbstractBeans {
        @Bean
        AbstractParameter bean() {
            return new AbstractParameter();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FunctionBeans {
        @Bean
        FunctionParameter bean() {
            return new FunctionParameter();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UnknownQueueBeans {
        @Bean
        UnknownQueue bean() {
            return new UnknownQueue();
        }
    }

    @Test
    void aPrivateMethod_failsStartUp() {
        runner.withUserConfiguration(PrivateBeans.class).run(context -> assertFailure(context,
                PrivateMethod.class.getName() + "#work(String) is not public"));
    }

    @Test
    void aFinalMethodOfAClassProxiedBean_failsStartUp() {
        runner.withUserConfiguration(FinalBeans.class).run(context -> assertFailure(context,
                FinalMethod.class.getName() + "#work(String) is final"));
    }

    @Test
    void aMethodThatReturnsAValue_failsStartUp() {
        runner.withUserConfiguration(ReturnsBeans.class).run(context -> assertFailure(context,
                ReturnsValue.class.getName() + "#work(String) returns String, not void"));
    }

    @Test
    void anObjectParameter_failsStartUp() {
        runner.withUserConfiguration(ObjectBeans.class).run(context -> assertFailure(context,
                ObjectParameter.class.getName() + "#work(Object): argument 1 (Object) cannot travel as JSON"));
    }

    @Test
    void aStreamParameter_failsStartUp() {
        runner.withUserConfiguration(StreamBeans.class).run(context -> assertFailure(context,
                StreamParameter.class.getName() + "#work(String, InputStream): argument 2 (InputStream) cannot travel as JSON"));
    }

    @Test
    void anInterfaceParameterWithoutTypeInformation_failsStartUp() {
        runner.withUserConfiguration(AbstractBeans.class).run(context -> assertFailure(context,
                AbstractParameter.class.getName() + "#work(Shape): argument 1 (Shape) cannot travel as JSON: a worker cannot read it back"));
    }

    @Test
    void aFunctionParameter_failsStartUp() {
        runner.withUserConfiguration(FunctionBeans.class).run(context -> assertFailure(context,
                FunctionParameter.class.getName() + "#work(Consumer): argument 1 (Consumer) cannot travel as JSON"));
    }

    @Test
    void aQueueThatIsNotConfigured_failsStartUp_namingTheMethodAndTheQueue() {
        InstanceResolver before = InstanceResolver.defaultResolver();
        runner.withUserConfiguration(UnknownQueueBeans.class).run(context -> assertFailure(context,
                UnknownQueue.class.getName() + "#work(String) names queue 'spring-defer-no-such-queue'"));
        assertThat(InstanceResolver.defaultResolver()).as("the resolver after the failed start").isSameAs(before);
    }

    @Test
    void aFinalMethodBehindAnInterfaceProxy_isFine() {
        runner.withUserConfiguration(FinalBehindInterface.class).withPropertyValues("spring.aop.proxy-target-class=false")
                .run(context -> assertThat(context).hasNotFailed());
    }

    public interface Task {
        @Defer(queue = QUEUE)
        void run(String id);
    }

    public static class FinalTask implements Task {
        @Override
        public final void run(String id) {
            // the JDK proxy calls it through the interface
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FinalBehindInterface {
        @Bean
        Task task() {
            return new FinalTask();
        }
    }

    /** With type information, an interface travels. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes(@JsonSubTypes.Type(value = Circle.class, name = "circle"))
    public interface TypedShape {
    }

    public record Circle(double radius) implements TypedShape {
    }

    public record Point(int x, int y) {
    }

    public enum Color { RED }

    public static class Signatures {
        public void fine(String a, int b, long[] c, List<Point> d, Map<String, Object> e, LocalDate f, Point g, Color h,
                TypedShape i, Integer j) {
            // every parameter travels
        }

        public void serializable(Serializable value) {
            // comes back as a Map or a String
        }

        public void optional(Optional<String> value) {
            // the workers' mapper has no Jdk8Module
        }

        public void callback(Callback value) {
            // a function under another name
        }
    }

    public interface Callback extends Consumer<String> {
    }

    @Test
    void theJsonCheck_acceptsValueTypes_andRefusesWhatComesBackAsSomethingElse() throws Exception {
        for (var type : ReflectionUtils.findMethod(Signatures.class, "fine", String.class, int.class, long[].class, List.class,
                Map.class, LocalDate.class, Point.class, Color.class, TypedShape.class, Integer.class).getGenericParameterTypes()) {
            assertThat(DeferChecks.untravellable(type)).as("the check of %s", type).isNull();
        }
        assertThat(DeferChecks.untravellable(Signatures.class.getMethod("serializable", Serializable.class)
                .getGenericParameterTypes()[0])).contains("reads it back as whatever the JSON looks like");
        assertThat(DeferChecks.untravellable(Signatures.class.getMethod("optional", Optional.class)
                .getGenericParameterTypes()[0])).as("Optional without Jdk8Module").isNotNull();
        assertThat(DeferChecks.untravellable(Callback.class)).as("an interface that extends a function")
                .contains("is a function (Consumer)");
    }

    private static void assertFailure(AssertableApplicationContext context, String expected) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertThat(messages.toString()).as("the start-up failure's messages").contains(expected);
    }
}
