package io.jobqueue.spi;

import java.util.Optional;

/**
 * Builds the backends of some queues in place of their factory: the hook of an integration that
 * owns resources the settings cannot name, such as the Spring Boot starter building a {@code jdbc}
 * queue without {@code url} on the application's {@code DataSource}. Given to
 * {@link io.jobqueue.QueueManager#QueueManager(io.jobqueue.JobQueueSettings, ClassLoader, BackendCustomizer)};
 * called once per queue, when the queue is first used, with the context its factory would get.
 */
@FunctionalInterface
public interface BackendCustomizer {

    /** Builds every backend with its factory. */
    BackendCustomizer NONE = (context, factory) -> Optional.empty();

    /**
     * The backend of this queue, or empty to let {@code factory} build it.
     *
     * @param context the queue's names and options, as the factory would get them
     * @param factory the factory of the queue's {@code className}
     */
    Optional<QueueBackend> create(QueueContext context, QueueFactory factory);
}
