package io.jobqueue.spring.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jobqueue.JobManager;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import io.jobqueue.spring.JobQueueHealthAutoConfiguration;
import io.jobqueue.spring.JobQueueHealthIndicator;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The health contributor {@code jobqueue}: UP with each queue's backend and counts, still UP with
 * failed messages, DOWN with a one-line error for a queue whose server cannot be reached, quickly.
 */
class HealthTest {

    private final String memory = Services.uniqueName("ops-health");
    private final String other = Services.uniqueName("ops-health-b");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JobQueueAutoConfiguration.class, JobQueueHealthAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
            .withPropertyValues("jobqueue.queues." + memory + ".class-name=memory");

    /** A job the test only submits. */
    public record Noop(String text) implements io.jobqueue.Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    @Test
    void up_withTheCountsOfEveryQueue() {
        runner.withPropertyValues("jobqueue.queues." + other + ".class-name=memory").run(context -> {
            JobManager jobs = context.getBean(JobManager.class);
            jobs.queue(memory, new Noop("a"));
            jobs.queue(memory, new Noop("b"));

            Health health = context.getBean(JobQueueHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsOnlyKeys(memory, other);
            assertThat(details(health, memory)).containsEntry("status", "UP").containsEntry("backend", "memory")
                    .containsEntry("ready", 2L).containsEntry("delayed", 0L).containsEntry("reserved", 0L)
                    .containsEntry("failed", 0L);
            assertThat(details(health, other)).containsEntry("ready", 0L);
        });
    }

    @Test
    void failedMessages_doNotMakeItDown() {
        runner.run(context -> {
            context.getBean(JobManager.class).queue(memory, new Noop("a"));
            Queue queue = context.getBean(QueueManager.class).getQueue(memory);
            Message message = queue.waitAndReserve(Duration.ofSeconds(5)).orElseThrow();
            queue.abort(message, "given up by the test");

            Health health = context.getBean(JobQueueHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(details(health, memory)).containsEntry("status", "UP").containsEntry("failed", 1L).containsEntry("ready", 0L);
        });
    }

    @Test
    void anUnreachableServer_isDown_quickly_withItsMessage_andNoStackTrace() {
        String redis = Services.uniqueName("ops-health-redis");
        runner.withPropertyValues("jobqueue.queues." + redis + ".class-name=redis", "jobqueue.queues." + redis + ".options.host=127.0.0.1",
                "jobqueue.queues." + redis + ".options.port=1", "management.health.jobqueue.timeout=2s").run(context -> {
                    assertThat(context).hasNotFailed();
                    JobQueueHealthIndicator indicator = context.getBean(JobQueueHealthIndicator.class);

                    Health health = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> indicator.health());

                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(details(health, memory)).as("the other queue").containsEntry("status", "UP");
                    Map<String, Object> down = details(health, redis);
                    assertThat(down).containsEntry("status", "DOWN").containsEntry("backend", "redis")
                            .containsOnlyKeys("status", "backend", "error");
                    String error = (String) down.get("error");
                    assertThat(error).isNotBlank().doesNotContain("\n").doesNotContain("\tat ").doesNotContain("at io.");
                    assertThat(health.toString()).doesNotContain("Exception\n").doesNotContain("\tat ");

                    Health again = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> indicator.health());
                    assertThat(again.getStatus()).as("asked again").isEqualTo(Status.DOWN);
                });
    }

    @Test
    void theContributor_isNamedJobqueue_andCanBeTurnedOff() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasBean("jobqueueHealthIndicator");
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("jobqueue"))
                    .isSameAs(context.getBean(JobQueueHealthIndicator.class));
        });
        runner.withPropertyValues("management.health.jobqueue.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JobQueueHealthIndicator.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Health health, String queue) {
        assertThat(health.getDetails()).containsKey(queue);
        return (Map<String, Object>) health.getDetails().get(queue);
    }
}
