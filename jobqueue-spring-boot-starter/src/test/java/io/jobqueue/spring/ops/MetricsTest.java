package io.jobqueue.spring.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.JobManager;
import io.jobqueue.micrometer.JobQueueMetrics;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import io.jobqueue.spring.JobQueueMetricsAutoConfiguration;
import io.jobqueue.spring.JobQueueWorkerAutoConfiguration;
import io.jobqueue.testkit.Services;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The JobQueue meters on the application's {@link MeterRegistry}, the worker's included; none without a registry. */
class MetricsTest {

    private final String queue = Services.uniqueName("ops-metrics");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JobQueueAutoConfiguration.class, JobQueueWorkerAutoConfiguration.class,
                    JobQueueMetricsAutoConfiguration.class))
            .withPropertyValues("jobqueue.queues." + queue + ".class-name=memory", "jobqueue.worker.poll-timeout=200ms",
                    "jobqueue.worker.heartbeat-interval=0");

    @Test
    void aSubmit_movesTheSubmittedCounter_andTheWorkersCountersAreBound() {
        String key = Services.uniqueName("job");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        runner.withBean(SimpleMeterRegistry.class, () -> registry).withPropertyValues("jobqueue.worker.queues=" + queue)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JobQueueMetrics.class);
                    Counter submitted = registry.get("jobqueue.messages.submitted").tag("queue", queue).counter();
                    assertThat(submitted.count()).isZero();

                    context.getBean(JobManager.class).queue(queue, new GateJob(key, false));

                    assertThat(submitted.count()).isEqualTo(1);
                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                            registry.get("jobqueue.messages.finished").tag("queue", queue).counter().count()).isEqualTo(1));
                    assertThat(registry.get("jobqueue.worker.running").tag("worker", queue).gauge()).isNotNull();
                });
        assertThat(registry.find("jobqueue.messages.submitted").meters()).as("removed with the context").isEmpty();
    }

    @Test
    void withBootsMetricsAutoConfiguration_theMetersAreOnItsRegistry() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class)).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JobQueueMetrics.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean(JobManager.class).queue(queue, new GateJob(Services.uniqueName("job"), false));
                    assertThat(registry.get("jobqueue.messages.submitted").tag("queue", queue).counter().count()).isEqualTo(1);
                });
    }

    @Test
    void noRegistry_noMetrics() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JobQueueMetrics.class));
    }
}
