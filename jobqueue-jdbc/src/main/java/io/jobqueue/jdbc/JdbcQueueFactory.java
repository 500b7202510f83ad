package io.jobqueue.jdbc;

import io.jobqueue.Queue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.util.Optional;

/**
 * Builds {@link JdbcQueue}s for settings with {@code className: jdbc} (or the queue's full class
 * name); registered for {@link java.util.ServiceLoader}.
 */
public final class JdbcQueueFactory implements QueueFactory {

    /** The backend alias in settings. */
    public static final String ALIAS = "jdbc";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public Class<? extends Queue> queueType() {
        return JdbcQueue.class;
    }

    /** The database and table, so two configured queues on one table are refused by the queue manager. */
    @Override
    public Optional<String> location(QueueContext context) {
        return Optional.of(JdbcQueueOptions.from(context).location());
    }

    @Override
    public Queue create(QueueContext context) {
        return new JdbcQueue(context);
    }
}
