package io.jobqueue.spring.defer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Defer;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import io.jobqueue.spring.JobQueueDeferAutoConfiguration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.AopTestUtils;

/**
 * With {@code jobqueue.testing.inline=true} every queue runs a job as it is submitted: a deferred
 * call runs the method on the real bean, in the calling thread, exactly once.
 */
class DeferInlineTest {

    static final String QUEUE = "spring-defer-inline";

    public record Run(Object on, Thread thread, String argument) {
    }

    public static class Exporter {
        final List<Run> runs = new CopyOnWriteArrayList<>();

        @Defer(queue = QUEUE, delay = 5)
        public void export(String what) {
            runs.add(new Run(this, Thread.currentThread(), what));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        Exporter exporter() {
            return new Exporter();
        }
    }

    @Test
    void inlineMode_runsTheDeferredCallOnTheRealBean_inTheCallingThread_once() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JobQueueAutoConfiguration.class, JobQueueDeferAutoConfiguration.class))
                .withUserConfiguration(Beans.class)
                .withPropertyValues("jobqueue.queues." + QUEUE + ".class-name=memory", "jobqueue.testing.inline=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Exporter exporter = context.getBean(Exporter.class);
                    Exporter real = AopTestUtils.getUltimateTargetObject(exporter);
                    assertThat(real).isNotSameAs(exporter);

                    exporter.export("orders");

                    assertThat(real.runs).singleElement().satisfies(run -> {
                        assertThat(run.on()).as("the object it ran on").isSameAs(real);
                        assertThat(run.thread()).as("the thread it ran in").isSameAs(Thread.currentThread());
                        assertThat(run.argument()).isEqualTo("orders");
                    });
                });
    }
}
