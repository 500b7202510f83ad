package io.jobqueue.spring.internal;

import io.jobqueue.jdbc.JdbcBackend;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.spi.NewMessage;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A {@code jdbc} queue on the application's DataSource whose submits join the caller's Spring
 * transaction: inside one, the rows are inserted on the transaction's own connection, so they exist
 * exactly when it commits and leave no trace when it rolls back; outside one, it submits as always.
 * Everything else (reserve, finish, counts) runs on connections of its own, never in the caller's
 * transaction.
 */
final class TransactionJoiningBackend extends ForwardingBackend {

    private final JdbcBackend jdbc;
    private final DataSource dataSource;

    TransactionJoiningBackend(JdbcBackend jdbc, DataSource dataSource) {
        super(jdbc);
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public List<String> submit(List<NewMessage> messages) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return super.submit(messages);
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return jdbc.submitAll(connection, messages);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Outside a transaction, as always; inside one, refused in one line for now: the unique check
     * runs in a transaction of its own and could not be rolled back with the caller's.
     */
    @Override
    public List<io.jobqueue.Submitted> submitUnique(List<NewMessage> messages) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return super.submitUnique(messages);
        }
        throw new UnsupportedOperationException("a submit with a unique key inside a Spring transaction is not supported on"
                + " the DataSource queue yet; submit it outside the transaction, or after its commit");
    }
}
