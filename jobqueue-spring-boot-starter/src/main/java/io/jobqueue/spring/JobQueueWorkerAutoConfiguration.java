package io.jobqueue.spring;

import io.jobqueue.JobManager;
import io.jobqueue.Worker;
import io.jobqueue.spring.internal.WorkerLifecycle;
import io.jobqueue.spring.internal.WorkerQueuesCondition;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Runs a {@link Worker} as part of the application when {@code jobqueue.worker.queues} names at least
 * one queue (and {@code jobqueue.worker.enabled} is not {@code false}): it starts with the context on a
 * thread of its own, installs no signal handlers (the context's shutdown stops it), and stops
 * gracefully with the context within {@code jobqueue.worker.grace-period} (shortened, if need be, to
 * fit {@code spring.lifecycle.timeout-per-shutdown-phase}). The {@link Worker} bean is there for the
 * application to see (its {@code runningJobs()}, {@code stats()}, {@code heartbeat()}); a queue name
 * that is not configured stops start-up naming it. Both beans can be replaced by the application's own.
 */
@AutoConfiguration(after = JobQueueAutoConfiguration.class)
@ConditionalOnBean(JobManager.class)
@Conditional(WorkerQueuesCondition.class)
public class JobQueueWorkerAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(JobQueueWorkerAutoConfiguration.class);
    /** Spring Boot's default of {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The application's worker, on the queues of {@code jobqueue.worker.queues} with the settings of
     * {@code jobqueue.worker.*}; it is run by {@link #jobQueueWorkerLifecycle}.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Worker jobQueueWorker(JobManager jobs, JobQueueProperties properties, Environment environment) {
        JobQueueProperties.Worker settings = properties.getWorker();
        List<String> queues = settings.getQueues().stream().filter(q -> q != null && !q.isBlank()).map(String::strip).toList();
        Worker.Builder builder = Worker.builder(jobs)
                .queues(queues)
                .settings(jobs.queueManager().settings().worker())
                .stopOnSignals(false)
                .gracePeriod(gracePeriod(settings.getGracePeriod(), environment));
        if (settings.getConcurrency() != null) {
            builder.concurrency(settings.getConcurrency());
        }
        if (settings.getPrefetch() != null) {
            builder.prefetch(settings.getPrefetch());
        }
        if (settings.getBatchSize() != null) {
            builder.batchSize(settings.getBatchSize());
        }
        if (settings.getPollTimeout() != null) {
            builder.pollTimeout(settings.getPollTimeout());
        }
        if (settings.getHeartbeatInterval() != null) {
            builder.heartbeatInterval(settings.getHeartbeatInterval());
        }
        return builder.build();
    }

    /** Starts the worker with the context and stops it gracefully with it. */
    @Bean
    @ConditionalOnMissingBean
    WorkerLifecycle jobQueueWorkerLifecycle(Worker jobQueueWorker, Environment environment) {
        return new WorkerLifecycle(jobQueueWorker, shutdownPhaseTimeout(environment));
    }

    private static Duration gracePeriod(Duration configured, Environment environment) {
        Duration grace = configured != null ? configured : Duration.ofSeconds(30);
        Duration phase = shutdownPhaseTimeout(environment);
        Duration effective = WorkerLifecycle.effectiveGracePeriod(grace, phase);
        if (!effective.equals(grace)) {
            boolean set = Binder.get(environment).bind("jobqueue.worker.grace-period", String.class).isBound();
            String message = "jobqueue.worker.grace-period ({}) leaves the worker no time to hand back unfinished jobs within"
                    + " spring.lifecycle.timeout-per-shutdown-phase ({}); the worker gives running jobs {} when the application stops";
            if (set) {
                LOG.warn(message, grace, phase, effective);
            } else {
                LOG.debug(message, grace, phase, effective);
            }
        }
        return effective;
    }

    private static Duration shutdownPhaseTimeout(Environment environment) {
        return Binder.get(environment).bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
    }
}
