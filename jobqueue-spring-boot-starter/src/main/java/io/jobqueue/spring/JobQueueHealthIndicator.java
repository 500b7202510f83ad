package io.jobqueue.spring;

import io.jobqueue.QueueManager;
import io.jobqueue.spring.internal.HealthProbe;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of the application's queues, the contributor {@code jobqueue}: one detail per configured
 * queue with its {@code status}, {@code backend} and counts ({@code ready}, {@code delayed},
 * {@code reserved}, {@code failed}, and {@code oldestReadyAge} where the backend keeps it), or, for a
 * queue whose backend cannot be reached, {@code status: DOWN} and the one-line {@code error} (never a
 * password, never a stack trace). The health is DOWN when any queue is; failed messages alone do not
 * make it DOWN. The queues are read in parallel and at most for the timeout
 * ({@code management.health.jobqueue.timeout}, 3 s by default), so a dead server does not hang the
 * health endpoint.
 */
public class JobQueueHealthIndicator implements HealthIndicator, DisposableBean {

    private final HealthProbe probe;

    /**
     * @param queues  the queues to report
     * @param timeout the longest time one health check waits for the counts of all queues
     */
    public JobQueueHealthIndicator(QueueManager queues, Duration timeout) {
        this.probe = new HealthProbe(queues, timeout);
    }

    @Override
    public Health health() {
        Map<String, HealthProbe.QueueState> states = probe.readAll();
        boolean up = states.values().stream().allMatch(HealthProbe.QueueState::up);
        Health.Builder builder = up ? Health.up() : Health.down();
        states.forEach((name, state) -> builder.withDetail(name, state.toMap()));
        return builder.build();
    }

    /** Stops the threads that read the counts. */
    @Override
    public void destroy() {
        probe.close();
    }
}
