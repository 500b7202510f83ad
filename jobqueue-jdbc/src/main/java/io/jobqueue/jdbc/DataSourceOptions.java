package io.jobqueue.jdbc;

import io.jobqueue.ConfigurationException;
import io.jobqueue.jdbc.internal.TableNames;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;

/**
 * The options of a queue on an application's DataSource: only the table, the poll interval and
 * whether the first use creates a missing table, since the application's pool decides how to connect.
 *
 * @param tableName    the queue's table, a plain SQL identifier
 * @param pollInterval how often a waiting reserver looks at the table when no wake-up came
 * @param autoSetUp    whether the first use creates the table when it is missing (see {@link JdbcQueueOptions#autoSetUp()})
 */
record DataSourceOptions(String tableName, Duration pollInterval, boolean autoSetUp) {

    /**
     * Reads and checks the options; refuses the connection options with a message that says why.
     *
     * @throws ConfigurationException naming the queue and the key
     */
    static DataSourceOptions from(QueueContext context) {
        String queue = context.configuredName();
        for (String key : JdbcQueueOptions.CONNECTION_KEYS) {
            if (context.rawOptions().containsKey(key)) {
                throw new ConfigurationException("option '" + key + "' of queue '" + queue + "' has no use: the queue"
                        + " runs on the DataSource the application gave, which decides how to connect; remove it");
            }
        }
        OptionReader reader = context.options();
        String tableName = reader.string("tableName", null);
        Duration pollInterval = reader.seconds("pollInterval", JdbcQueueOptions.DEFAULT_POLL_INTERVAL);
        boolean autoSetUp = reader.bool(JdbcQueueOptions.AUTO_SET_UP_KEY, JdbcQueueOptions.DEFAULT_AUTO_SET_UP);
        reader.done();
        try {
            JdbcQueueOptions.requirePositive("pollInterval", pollInterval);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.getMessage() + " (queue '" + queue + "')", e);
        }
        return new DataSourceOptions(tableName == null ? TableNames.defaultFor(context.name())
                : TableNames.validate(tableName, queue), pollInterval, autoSetUp);
    }
}
