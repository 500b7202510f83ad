package io.jobqueue.spring;

import io.jobqueue.JobInterceptor;
import io.jobqueue.JobListener;
import io.jobqueue.JobManager;
import io.jobqueue.QueueManager;
import io.jobqueue.spring.internal.PropertySettings;
import io.jobqueue.spring.internal.QueueStartupCheck;
import io.jobqueue.spring.internal.SpringBackends;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The core of the starter: a {@link QueueManager} built from the {@code jobqueue.*} properties (a
 * {@code jdbc} queue without {@code url} or {@code path} on the application's {@code DataSource},
 * its submits joining the caller's transaction; other queues submitting after the commit), a
 * {@link JobManager} with every {@link JobListener} and {@link JobInterceptor} bean, and a check at
 * start-up that every queue's settings are sound. Both beans can be replaced by the application's own.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@EnableConfigurationProperties(JobQueueProperties.class)
public class JobQueueAutoConfiguration {

    /** How the queues' backends are built: on the application's DataSource where it applies, transaction-aware. */
    @Bean
    @ConditionalOnMissingBean
    SpringBackends jobQueueBackends(ObjectProvider<DataSource> dataSource) {
        return new SpringBackends(dataSource.getIfUnique());
    }

    /** The queues of the {@code jobqueue.*} properties; closed with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    QueueManager queueManager(Environment environment, JobQueueProperties properties, SpringBackends backends) {
        return new QueueManager(PropertySettings.read(environment, properties.getTesting().isInline()),
                JobQueueAutoConfiguration.class.getClassLoader(), backends);
    }

    /** The job manager, with every {@link JobListener} and {@link JobInterceptor} bean in their order. */
    @Bean
    @ConditionalOnMissingBean
    JobManager jobManager(QueueManager queueManager, ObjectProvider<JobListener> listeners,
            ObjectProvider<JobInterceptor> interceptors) {
        JobManager jobs = new JobManager(queueManager);
        listeners.orderedStream().forEach(jobs::addListener);
        interceptors.orderedStream().forEach(jobs::addInterceptor);
        return jobs;
    }

    /** Builds every configured queue once the context is ready: a bad setting stops start-up, an unreachable server is logged. */
    @Bean
    QueueStartupCheck jobQueueStartupCheck(QueueManager queueManager, JobQueueProperties properties) {
        return new QueueStartupCheck(queueManager, properties.isFailFast());
    }
}
