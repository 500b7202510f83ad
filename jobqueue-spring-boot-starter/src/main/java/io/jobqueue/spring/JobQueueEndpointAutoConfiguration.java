package io.jobqueue.spring;

import io.jobqueue.QueueManager;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Adds the actuator endpoint {@code jobqueue} ({@link JobQueueEndpoint}) when the actuator is on the
 * class path and the endpoint is available (enabled, and exposed, e.g.
 * {@code management.endpoints.web.exposure.include=health,jobqueue}); its write operation, which retries
 * a queue's failed messages, also needs {@code jobqueue.endpoint.retry-enabled=true}. An application's
 * own {@link JobQueueEndpoint} bean replaces it.
 */
@AutoConfiguration(after = JobQueueAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration")
@ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"})
@ConditionalOnBean(QueueManager.class)
@EnableConfigurationProperties(JobQueueEndpointProperties.class)
public class JobQueueEndpointAutoConfiguration {

    /** The endpoint over the application's queues. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    JobQueueEndpoint jobQueueEndpoint(QueueManager queueManager, JobQueueEndpointProperties properties) {
        return new JobQueueEndpoint(queueManager, properties);
    }
}
