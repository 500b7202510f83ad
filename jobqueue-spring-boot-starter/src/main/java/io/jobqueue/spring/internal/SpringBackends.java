package io.jobqueue.spring.internal;

import io.jobqueue.BackendException;
import io.jobqueue.jdbc.JdbcBackend;
import io.jobqueue.spi.BackendCustomizer;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the queues' backends for a Spring application: a {@code jdbc} queue whose options name
 * neither {@code url} nor {@code path} goes on the application's {@code DataSource} (when it has
 * one) and joins the caller's Spring transaction on submit ({@link TransactionJoiningBackend});
 * every other queue submits after the caller's transaction commits, and never when it rolls back
 * ({@link AfterCommitBackend}). Without Spring's transaction support on the class path, backends are
 * built as their factories build them. Thread-safe.
 */
public final class SpringBackends implements BackendCustomizer {

    private static final Logger LOG = LoggerFactory.getLogger(SpringBackends.class);

    private final DataSource dataSource;
    private final boolean transactions;
    private final Set<String> onDataSource = ConcurrentHashMap.newKeySet();

    /**
     * @param dataSource the application's DataSource, or null when it has none
     */
    public SpringBackends(DataSource dataSource) {
        this.dataSource = dataSource;
        this.transactions = isPresent("org.springframework.transaction.support.TransactionSynchronizationManager");
    }

    @Override
    public Optional<QueueBackend> create(QueueContext context, QueueFactory factory) {
        if (dataSource != null && "jdbc".equals(factory.alias()) && !context.rawOptions().containsKey("url")
                && !context.rawOptions().containsKey("path")) {
            JdbcBackend backend = JdbcBackend.create(context, dataSource);
            onDataSource.add(context.configuredName());
            setUpOutsideTransactions(backend, context);
            LOG.info("Queue {} keeps its messages in table {} of the application's DataSource", context.configuredName(),
                    backend.tableName());
            return Optional.of(transactions && isPresent("org.springframework.jdbc.datasource.DataSourceUtils")
                    ? new TransactionJoiningBackend(backend, dataSource) : backend);
        }
        if (!transactions) {
            return Optional.empty();
        }
        return Optional.of(new AfterCommitBackend(factory.create(context), context.configuredName()));
    }

    /**
     * Creates the table now, at start-up, unless {@code autoSetUp} is false: its first use could be a
     * submit inside the application's transaction, and on SQLite that transaction holds the write lock
     * the set-up would wait for on another connection. A database that cannot be reached now is left
     * to the first use (and to the health contributor).
     */
    private static void setUpOutsideTransactions(JdbcBackend backend, QueueContext context) {
        if (Boolean.FALSE.equals(context.rawOptions().get("autoSetUp")) || "false".equals(context.rawOptions().get("autoSetUp"))) {
            return;
        }
        try {
            backend.setUp();
        } catch (BackendException e) {
            LOG.warn("Queue {} could not set its table up at start-up; its first use tries again: {}", context.configuredName(),
                    e.getMessage());
        }
    }

    /** Whether the queue of that configured name was built on the application's DataSource. */
    public boolean isOnDataSource(String queueName) {
        return onDataSource.contains(queueName);
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, SpringBackends.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
