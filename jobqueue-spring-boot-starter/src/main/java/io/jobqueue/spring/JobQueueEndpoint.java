package io.jobqueue.spring;

import io.jobqueue.Capability;
import io.jobqueue.FailedMessage;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.spring.internal.HealthProbe;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The actuator endpoint {@code jobqueue}: reads list every configured queue with its backend and
 * counts ({@code GET /actuator/jobqueue}) or one queue with its capabilities too
 * ({@code GET /actuator/jobqueue/{queue}}; an unknown queue is not found); the write operation
 * ({@code POST /actuator/jobqueue/{queue}}) moves the failed messages of one queue back to ready and
 * says how many, and is refused unless {@code jobqueue.endpoint.retry-enabled=true}. Counts are read
 * in bounded time as for the health; a queue whose backend cannot be reached is listed with
 * {@code status: DOWN} and its one-line error.
 */
@Endpoint(id = "jobqueue")
public class JobQueueEndpoint implements DisposableBean {

    /** How long a read waits for the counts of its queues. */
    public static final Duration COUNTS_TIMEOUT = Duration.ofSeconds(5);
    private static final int RETRY_BATCH = 100;

    private final QueueManager queues;
    private final JobQueueEndpointProperties properties;
    private final HealthProbe probe;

    public JobQueueEndpoint(QueueManager queues, JobQueueEndpointProperties properties) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.probe = new HealthProbe(queues, COUNTS_TIMEOUT);
    }

    /** Every configured queue with its status, backend and counts, under {@code queues}. */
    @ReadOperation
    public Map<String, Object> queues() {
        Map<String, Object> list = new LinkedHashMap<>();
        probe.readAll().forEach((name, state) -> list.put(name, state.toMap()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queues", list);
        body.put("retryEnabled", properties.isRetryEnabled());
        return body;
    }

    /** One queue with its status, backend, counts and capabilities; null (not found) for an unknown queue. */
    @ReadOperation
    public Map<String, Object> queue(@Selector String name) {
        if (!queues.queueNames().contains(name)) {
            return null;
        }
        HealthProbe.QueueState state = probe.read(List.of(name)).get(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.putAll(state.toMap());
        if (state.up()) {
            body.put("capabilities", queues.getQueue(name).capabilities().capabilities().stream().map(Capability::key).sorted().toList());
        }
        return body;
    }

    /**
     * Moves up to {@code jobqueue.endpoint.retry-limit} failed messages of one queue back to ready, their
     * release and delivery counts reset, oldest failure first; a message that fails again during the call
     * is not retried twice.
     *
     * @return the queue, how many were {@code retried}, and how many are still {@code failed}
     * @throws InvalidEndpointRequestException when retries are off, the queue is unknown or keeps no failed messages
     */
    @WriteOperation
    public Map<String, Object> retryFailed(@Selector String name) {
        if (!properties.isRetryEnabled()) {
            throw refused("Retrying failed messages through the jobqueue endpoint is off; set jobqueue.endpoint.retry-enabled=true"
                    + " to allow it");
        }
        if (!queues.queueNames().contains(name)) {
            throw refused("Unknown queue '" + name + "' (configured: " + String.join(", ", queues.queueNames()) + ")");
        }
        Queue queue = queues.getQueue(name);
        if (!queue.capabilities().has(Capability.FAILED_STORE)) {
            throw refused("Queue '" + name + "' uses backend " + queue.capabilities().backend()
                    + ", which keeps no failed messages to retry");
        }
        int limit = properties.getRetryLimit();
        int retried = 0;
        Set<String> seen = new HashSet<>();
        while (retried < limit) {
            boolean any = false;
            for (FailedMessage failed : queue.listFailed(Math.min(RETRY_BATCH, limit - retried))) {
                String id = failed.message().id();
                if (seen.add(id)) {
                    any = true;
                    if (queue.retryFailed(id)) {
                        retried++;
                    }
                }
            }
            if (!any) {
                break;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queue", name);
        body.put("retried", retried);
        body.put("failed", queue.counts().failed());
        return body;
    }

    private static InvalidEndpointRequestException refused(String message) {
        return new InvalidEndpointRequestException(message, message);
    }

    /** Stops the threads that read the counts. */
    @Override
    public void destroy() {
        probe.close();
    }
}
