package io.jobqueue.jdbc;

import io.jobqueue.QueueCapabilities;
import io.jobqueue.spi.BackendFactory;
import io.jobqueue.spi.QueueContext;
import java.util.Optional;

/**
 * Builds {@link JdbcBackend}s for settings with {@code className: jdbc} (or the backend's full class
 * name), each with a connection pool of its own; registered for {@link java.util.ServiceLoader}.
 * A backend on an application's DataSource is built with {@link JdbcBackend#create(QueueContext, javax.sql.DataSource)}.
 */
public final class JdbcQueueFactory extends BackendFactory {

    /** The backend alias in settings. */
    public static final String ALIAS = "jdbc";

    public JdbcQueueFactory() {
        super(ALIAS, JdbcBackend.class, JdbcBackend::create, null);
    }

    /** The database and table, so two configured queues on one table are refused by the queue manager. */
    @Override
    public Optional<String> location(QueueContext context) {
        return Optional.of(JdbcQueueOptions.from(context).location());
    }

    /** Everything, and a push wake-up on PostgreSQL; read from the URL without connecting. */
    @Override
    public Optional<QueueCapabilities> capabilities(QueueContext context) {
        return Optional.of(JdbcBackend.capabilities(JdbcQueueOptions.from(context).dialect()));
    }
}
