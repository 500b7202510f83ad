package io.jobqueue.spring;

import io.jobqueue.JobManager;
import io.jobqueue.Worker;
import io.jobqueue.micrometer.JobQueueMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Binds the JobQueue meters ({@code docs/metrics.md}) to the application's {@link MeterRegistry} when
 * there is one and {@code jobqueue-micrometer} is on the class path: the counters and timers of the
 * {@link JobManager}, the gauges of every configured queue, and the counters of the application's
 * {@link Worker} (tag {@code worker} = its queue names, comma-separated). The binding is closed with
 * the context; an application's own {@link JobQueueMetrics} bean replaces it.
 */
@AutoConfiguration(after = {JobQueueAutoConfiguration.class, JobQueueWorkerAutoConfiguration.class}, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry", "io.jobqueue.micrometer.JobQueueMetrics"})
@ConditionalOnBean(JobManager.class)
@ConditionalOnSingleCandidate(MeterRegistry.class)
public class JobQueueMetricsAutoConfiguration {

    /** The meters of the job manager, its queues and the application's worker, if any. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    JobQueueMetrics jobQueueMetrics(MeterRegistry registry, JobManager jobManager, ObjectProvider<Worker> worker) {
        JobQueueMetrics metrics = JobQueueMetrics.bind(registry, jobManager);
        try {
            worker.orderedStream().forEach(w -> metrics.bindWorker(w, String.join(",", w.heartbeat().queues())));
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        return metrics;
    }
}
