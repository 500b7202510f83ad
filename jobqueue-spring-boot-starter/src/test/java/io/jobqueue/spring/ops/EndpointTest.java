package io.jobqueue.spring.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.JobManager;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import io.jobqueue.spring.JobQueueEndpoint;
import io.jobqueue.spring.JobQueueEndpointAutoConfiguration;
import io.jobqueue.testkit.Services;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.invoke.convert.ConversionServiceParameterValueMapper;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpointDiscoverer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The actuator endpoint {@code jobqueue}: reads list the queues with their backend and counts; the
 * write operation retries a queue's failed messages only when {@code jobqueue.endpoint.retry-enabled}.
 */
class EndpointTest {

    private final String queue = Services.uniqueName("ops-endpoint");
    private final String other = Services.uniqueName("ops-endpoint-b");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, JobQueueAutoConfiguration.class,
                    JobQueueEndpointAutoConfiguration.class))
            .withPropertyValues("jobqueue.queues." + queue + ".class-name=memory", "jobqueue.queues." + other + ".class-name=memory",
                    "management.endpoints.web.exposure.include=health,jobqueue");

    /** A job the test only submits. */
    public record Noop(String text) implements io.jobqueue.Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    @Test
    void theRead_listsTheQueues_withBackendAndCounts() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(JobQueueEndpoint.class);
            context.getBean(JobManager.class).queue(queue, new Noop("a"));
            JobQueueEndpoint endpoint = context.getBean(JobQueueEndpoint.class);

            Map<String, Object> body = endpoint.queues();

            assertThat(body).containsEntry("retryEnabled", false);
            Map<String, Object> queues = map(body.get("queues"));
            assertThat(queues).containsOnlyKeys(queue, other);
            assertThat(map(queues.get(queue))).containsEntry("status", "UP").containsEntry("backend", "memory")
                    .containsEntry("ready", 1L).containsEntry("failed", 0L);

            Map<String, Object> one = endpoint.queue(queue);
            assertThat(one).containsEntry("name", queue).containsEntry("ready", 1L).containsKey("capabilities");
            assertThat(endpoint.queue("no-such-queue")).as("an unknown queue is not found").isNull();
        });
    }

    @Test
    void theRetry_isRefused_unlessEnabled() {
        runner.run(context -> {
            failOne(context.getBean(JobManager.class), context.getBean(QueueManager.class));
            assertThatThrownBy(() -> context.getBean(JobQueueEndpoint.class).retryFailed(queue))
                    .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("jobqueue.endpoint.retry-enabled=true");
            assertThat(context.getBean(QueueManager.class).getQueue(queue).counts().failed()).isEqualTo(1);
        });
    }

    @Test
    void theRetry_whenEnabled_movesTheFailedMessagesBack() {
        runner.withPropertyValues("jobqueue.endpoint.retry-enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            JobManager jobs = context.getBean(JobManager.class);
            QueueManager queues = context.getBean(QueueManager.class);
            failOne(jobs, queues);
            failOne(jobs, queues);
            JobQueueEndpoint endpoint = context.getBean(JobQueueEndpoint.class);
            assertThat(endpoint.queues()).containsEntry("retryEnabled", true);

            Map<String, Object> result = endpoint.retryFailed(queue);

            assertThat(result).containsEntry("queue", queue).containsEntry("retried", 2).containsEntry("failed", 0L);
            assertThat(queues.getQueue(queue).counts().ready()).isEqualTo(2);
            assertThat(endpoint.retryFailed(queue)).containsEntry("retried", 0);
            assertThatThrownBy(() -> endpoint.retryFailed("no-such-queue")).isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("no-such-queue");
        });
    }

    @Test
    void theWebEndpoint_hasItsThreeOperations_andTheirAnswersAreJson() {
        runner.withPropertyValues("jobqueue.endpoint.retry-enabled=true").run(context -> {
            context.getBean(JobManager.class).queue(queue, new Noop("a"));
            WebEndpointDiscoverer discoverer = new WebEndpointDiscoverer(context, new ConversionServiceParameterValueMapper(),
                    EndpointMediaTypes.DEFAULT, List.of(), List.of(), List.of(), List.of(), List.of());
            ExposableWebEndpoint endpoint = discoverer.getEndpoints().stream()
                    .filter(e -> e.getEndpointId().toString().equals("jobqueue")).findFirst().orElseThrow();
            Map<String, WebOperation> operations = new LinkedHashMap<>();
            endpoint.getOperations().forEach(o -> operations.put(o.getRequestPredicate().getHttpMethod() + " "
                    + o.getRequestPredicate().getPath(), o));
            assertThat(operations).containsOnlyKeys("GET jobqueue", "GET jobqueue/{name}", "POST jobqueue/{name}");

            ObjectMapper json = new ObjectMapper();
            Object all = operations.get("GET jobqueue").invoke(new InvocationContext(SecurityContext.NONE, Map.of()));
            assertThat(json.writeValueAsString(all)).contains("\"" + queue + "\":{\"status\":\"UP\",\"backend\":\"memory\",\"ready\":1");
            Object one = operations.get("GET jobqueue/{name}").invoke(new InvocationContext(SecurityContext.NONE, Map.of("name", queue)));
            assertThat(json.writeValueAsString(one)).contains("\"capabilities\":[");
            Object retried = operations.get("POST jobqueue/{name}").invoke(new InvocationContext(SecurityContext.NONE,
                    Map.of("name", queue)));
            assertThat(json.writeValueAsString(retried)).contains("\"retried\":0");
        });
    }

    @Test
    void anEndpointThatIsNotExposed_isNotThere() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JobQueueEndpoint.class));
    }

    private void failOne(JobManager jobs, QueueManager queues) {
        jobs.queue(queue, new Noop("x"));
        Queue q = queues.getQueue(queue);
        Message message = q.waitAndReserve(Duration.ofSeconds(5)).orElseThrow();
        q.abort(message, "given up by the test");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
