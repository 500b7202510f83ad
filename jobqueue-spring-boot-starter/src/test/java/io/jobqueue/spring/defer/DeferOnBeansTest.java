package io.jobqueue.spring.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Defer;
import io.jobqueue.Deferred;
import io.jobqueue.InstanceResolver;
import io.jobqueue.Job;
import io.jobqueue.JobManager;
import io.jobqueue.MethodCallJob;
import io.jobqueue.QueueManager;
import io.jobqueue.Worker;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import io.jobqueue.spring.JobQueueDeferAutoConfiguration;
import io.jobqueue.spring.internal.DeferInterceptor;
import io.jobqueue.spring.internal.DeferredBeanCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.AopTestUtils;

/**
 * {@code @Defer} on beans, on a {@code memory} queue run by a worker of the test: a call returns at
 * once and queues one message; the worker runs the method on the very bean of the context, with
 * the arguments round-tripped through JSON, and does not defer it again. Class (CGLIB) and
 * interface (JDK) proxies, beans sharing a class, the resolver's lifetime.
 */
class DeferOnBeansTest {

    static final String QUEUE = "spring-defer-beans";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JobQueueAutoConfiguration.class, JobQueueDeferAutoConfiguration.class))
            .withPropertyValues("jobqueue.queues." + QUEUE + ".class-name=memory");

    public record Address(String street, String city) {
    }

    /** What a bean's method was called with, and on which object. */
    public record Call(Object on, Thread thread, List<Object> arguments) {
    }

    /** A bean without interfaces: always a class proxy. */
    public static class Mailer {
        final List<Call> calls = new CopyOnWriteArrayList<>();

        @Defer(queue = QUEUE, priority = 7)
        public void send(String to, List<Address> copies) {
            calls.add(new Call(this, Thread.currentThread(), List.of(to, copies)));
        }

        public String footer() {
            return "sent by the test";
        }
    }

    /** An interface whose method is deferred: a JDK proxy with {@code spring.aop.proxy-target-class=false}. */
    public interface Greeter {
        @Defer(queue = QUEUE)
        void greet(String name, int times);
    }

    public static class GreeterImpl implements Greeter {
        final List<Call> calls = new CopyOnWriteArrayList<>();

        @Override
        public void greet(String name, int times) {
            calls.add(new Call(this, Thread.currentThread(), List.of(name, times)));
        }
    }

    /** Calls itself through its own proxy while it runs as a job. */
    public static class Countdown {
        final List<Integer> seen = new CopyOnWriteArrayList<>();
        private final ObjectProvider<Countdown> self;

        public Countdown(ObjectProvider<Countdown> self) {
            this.self = self;
        }

        @Defer(queue = QUEUE)
        public void count(int from) {
            seen.add(from);
            if (from > 0) {
                self.getObject().count(from - 1);
            }
        }
    }

    /** One class, two beans. */
    public static class Channel {
        final String name;
        final List<String> sent = new CopyOnWriteArrayList<>();

        public Channel(String name) {
            this.name = name;
        }

        @Defer(queue = QUEUE)
        public void post(String text) {
            sent.add(text);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        Mailer mailer() {
            return new Mailer();
        }

        @Bean
        GreeterImpl greeter() {
            return new GreeterImpl();
        }

        @Bean
        Countdown countdown(ObjectProvider<Countdown> self) {
            return new Countdown(self);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoChannels {
        @Bean
        Channel fast() {
            return new Channel("fast");
        }

        @Bean
        Channel slow() {
            return new Channel("slow");
        }
    }

    @Test
    void aDeferredCall_returnsAtOnce_andQueuesExactlyOneMethodCallJobOfTheBeansOwnClass() {
        runner.withUserConfiguration(Beans.class).run(context -> {
            Mailer mailer = context.getBean(Mailer.class);
            assertThat(AopUtils.isCglibProxy(mailer)).as("a bean without interfaces gets a class proxy").isTrue();

            mailer.send("someone@example.com", List.of(new Address("Main St 1", "Springfield")));

            Mailer real = AopTestUtils.getUltimateTargetObject(mailer);
            assertThat(real.calls).as("calls made on the bean before a worker ran").isEmpty();
            JobManager jobs = context.getBean(JobManager.class);
            assertThat(context.getBean(QueueManager.class).getQueue(QUEUE).countReady()).as("ready messages").isEqualTo(1);
            List<Job> queued = jobs.peek(QUEUE, 10);
            assertThat(queued).singleElement().isInstanceOf(MethodCallJob.class);
            MethodCallJob job = (MethodCallJob) queued.get(0);
            assertThat(job.targetType()).as("the class the job names").isEqualTo(Mailer.class.getName());
            assertThat(job.methodName()).isEqualTo("send");
            assertThat(mailer.footer()).as("a method without @Defer runs at once").isEqualTo("sent by the test");
        });
    }

    @Test
    void aWorker_runsTheCallOnTheVeryBean_withItsArgumentsFromJson_once() {
        runner.withUserConfiguration(Beans.class).run(context -> {
            Mailer mailer = context.getBean(Mailer.class);
            Mailer real = AopTestUtils.getUltimateTargetObject(mailer);
            JobManager jobs = context.getBean(JobManager.class);
            List<Address> copies = List.of(new Address("Main St 1", "Springfield"), new Address("Elm St 2", "Shelbyville"));

            mailer.send("someone@example.com", copies);
            try (Worker worker = Worker.builder(jobs).queues(QUEUE).pollTimeout(Duration.ofMillis(50)).build()) {
                Thread thread = new Thread(worker::run, "defer-test-worker");
                thread.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> !real.calls.isEmpty()
                        && context.getBean(QueueManager.class).getQueue(QUEUE).countReserved() == 0);
                worker.stop();
                thread.join(10_000);
            }

            assertThat(real.calls).as("calls of the real bean").hasSize(1);
            Call call = real.calls.get(0);
            assertThat(call.on()).as("the object the worker called").isSameAs(real);
            assertThat(call.thread().getName()).as("the thread it ran in").isNotEqualTo(Thread.currentThread().getName());
            assertThat(call.arguments()).as("the arguments, read back from JSON").containsExactly("someone@example.com", copies);
            assertThat(context.getBean(QueueManager.class).getQueue(QUEUE).countReady()).as("messages left: it was not deferred again")
                    .isZero();
        });
    }

    @Test
    void anInterfaceProxy_defersToo_andTheWorkerCallsTheImplementation() {
        runner.withUserConfiguration(Beans.class).withPropertyValues("spring.aop.proxy-target-class=false").run(context -> {
            Greeter greeter = context.getBean(Greeter.class);
            assertThat(AopUtils.isJdkDynamicProxy(greeter)).as("with proxy-target-class=false, a JDK proxy").isTrue();
            GreeterImpl real = AopTestUtils.getUltimateTargetObject(greeter);
            JobManager jobs = context.getBean(JobManager.class);

            greeter.greet("Ada", 3);

            assertThat(real.calls).isEmpty();
            assertThat(((MethodCallJob) jobs.peek(QUEUE, 1).get(0)).targetType()).as("the class the job names, not the proxy's")
                    .isEqualTo(GreeterImpl.class.getName());
            assertThat(jobs.waitAndExecute(QUEUE, Duration.ZERO)).as("the message the worker ran").isPresent();
            assertThat(real.calls).singleElement().satisfies(call -> {
                assertThat(call.on()).isSameAs(real);
                assertThat(call.arguments()).containsExactly("Ada", 3);
            });
            assertThat(jobs.waitAndExecute(QUEUE, Duration.ZERO)).as("nothing queued again").isEmpty();
        });
    }

    @Test
    void aClassProxyOfABeanWithAnInterface_defersTheInterfacesMethod() {
        runner.withUserConfiguration(Beans.class).run(context -> {
            Greeter greeter = context.getBean(Greeter.class);
            assertThat(AopUtils.isCglibProxy(greeter)).as("the default: a class proxy").isTrue();
            GreeterImpl real = AopTestUtils.getUltimateTargetObject(greeter);
            JobManager jobs = context.getBean(JobManager.class);

            greeter.greet("Grace", 1);

            assertThat(real.calls).isEmpty();
            assertThat(jobs.waitAndExecute(QUEUE, Duration.ZERO)).isPresent();
            assertThat(real.calls).singleElement().satisfies(call -> assertThat(call.on()).isSameAs(real));
        });
    }

    @Test
    void aMethodThatCallsItselfThroughItsProxyWhileRunningAsAJob_runsAtOnce_notQueuedAgain() {
        runner.withUserConfiguration(Beans.class).run(context -> {
            Countdown countdown = context.getBean(Countdown.class);
            Countdown real = AopTestUtils.getUltimateTargetObject(countdown);
            JobManager jobs = context.getBean(JobManager.class);

            countdown.count(2);
            assertThat(real.seen).isEmpty();
            assertThat(jobs.waitAndExecute(QUEUE, Duration.ZERO)).isPresent();

            assertThat(real.seen).as("the job's own call and its calls through the proxy").containsExactly(2, 1, 0);
            assertThat(jobs.waitAndExecute(QUEUE, Duration.ZERO)).as("nothing queued again").isEmpty();
        });
    }

    @Test
    void whenBeansShareAClass_theJobNamesTheBean_andRunsOnThatOne() {
        runner.withUserConfiguration(TwoChannels.class).run(context -> {
            Channel fast = context.getBean("fast", Channel.class);
            Channel slow = context.getBean("slow", Channel.class);
            JobManager jobs = context.getBean(JobManager.class);

            slow.post("to slow");
            fast.post("to fast");

            List<Job> queued = jobs.peek(QUEUE, 10);
            assertThat(queued).hasSize(2).allSatisfy(job -> assertThat(job).isInstanceOf(DeferredBeanCall.class));
            assertThat(queued).extracting(job -> ((DeferredBeanCall) job).bean()).containsExactlyInAnyOrder("slow", "fast");
            assertThat(jobs.waitAndExecute(QUEUE, Duration.ZERO)).isPresent();
            assertThat(jobs.waitAndExecute(QUEUE, Duration.ZERO)).isPresent();

            Channel realFast = AopTestUtils.getUltimateTargetObject(fast);
            Channel realSlow = AopTestUtils.getUltimateTargetObject(slow);
            assertThat(realFast.name).isEqualTo("fast");
            assertThat(realFast.sent).containsExactly("to fast");
            assertThat(realSlow.sent).containsExactly("to slow");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class PlainJavaProxy {
        @Bean
        Greeter greeter(JobManager jobs) {
            return Deferred.proxy(jobs, Greeter.class, new GreeterImpl());
        }
    }

    @Test
    void aBeanThatIsADeferredProxyAlready_isLeftAlone() {
        runner.withUserConfiguration(PlainJavaProxy.class).run(context -> {
            Greeter greeter = context.getBean(Greeter.class);
            assertThat(AopUtils.isAopProxy(greeter)).as("proxied by Spring too").isFalse();
            JobManager jobs = context.getBean(JobManager.class);

            greeter.greet("Linus", 2);

            assertThat(jobs.peek(QUEUE, 10)).as("queued once, by the Deferred proxy").hasSize(1);
        });
    }

    @Test
    void theDeferAdviceIsTheBeansOnlyAdvice_andTheResolverIsPutBackWhenTheContextCloses() {
        InstanceResolver before = InstanceResolver.defaultResolver();
        runner.withUserConfiguration(Beans.class).run(context -> {
            Advised mailer = (Advised) context.getBean(Mailer.class);
            assertThat(mailer.getAdvisors()).singleElement().satisfies(advisor ->
                    assertThat(advisor.getAdvice()).isInstanceOf(DeferInterceptor.class));
            assertThat(InstanceResolver.defaultResolver()).as("the context's resolver while it runs").isNotSameAs(before);
        });
        assertThat(InstanceResolver.defaultResolver()).as("the resolver after the context closed").isSameAs(before);
    }
}
