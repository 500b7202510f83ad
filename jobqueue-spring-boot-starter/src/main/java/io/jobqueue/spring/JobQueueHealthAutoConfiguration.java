package io.jobqueue.spring;

import io.jobqueue.QueueManager;
import io.jobqueue.spring.internal.HealthIndicatorProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the health contributor {@code jobqueue} ({@link JobQueueHealthIndicator}) when Spring Boot's
 * health support ({@code spring-boot-health}, part of the actuator) is on the class path and
 * {@code management.health.jobqueue.enabled} is not {@code false}; an application's own bean named
 * {@code jobqueueHealthIndicator} or {@code jobqueueHealthContributor} replaces it.
 */
@AutoConfiguration(after = JobQueueAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.boot.health.contributor.HealthIndicator",
        "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator"})
@ConditionalOnBean(QueueManager.class)
@ConditionalOnEnabledHealthIndicator("jobqueue")
@EnableConfigurationProperties(HealthIndicatorProperties.class)
public class JobQueueHealthAutoConfiguration {

    /** The health of every configured queue, read in bounded time. */
    @Bean
    @ConditionalOnMissingBean(name = {"jobqueueHealthIndicator", "jobqueueHealthContributor"})
    JobQueueHealthIndicator jobqueueHealthIndicator(QueueManager queueManager, HealthIndicatorProperties properties) {
        return new JobQueueHealthIndicator(queueManager, properties.getTimeout());
    }
}
