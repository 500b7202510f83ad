package io.jobqueue.spring.internal;

import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.QueueBackend;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A queue that cannot take part in the caller's Spring transaction (Redis, Beanstalkd, a jdbc queue
 * on a database of its own): a submit inside a transaction is held until it commits and dropped when
 * it rolls back, so a job never runs on data that was never committed. The ids of such a submit are
 * not known yet when it returns: they are {@code ""}. A submit after the commit that fails is logged
 * as an error with the queue's name (the transaction stands). Outside a transaction it submits at once.
 */
final class AfterCommitBackend extends ForwardingBackend {

    private static final Logger LOG = LoggerFactory.getLogger(AfterCommitBackend.class);

    private final String queueName;

    AfterCommitBackend(QueueBackend delegate, String queueName) {
        super(delegate);
        this.queueName = queueName;
    }

    @Override
    public List<String> submit(List<NewMessage> messages) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return super.submit(messages);
        }
        List<NewMessage> held = List.copyOf(messages);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    delegate.submit(held);
                } catch (RuntimeException e) {
                    LOG.error("Could not submit {} message(s) to queue {} after the transaction committed: {}", held.size(),
                            queueName, e.getMessage(), e);
                }
            }
        });
        return Collections.nCopies(held.size(), "");
    }

    /** Like {@link #submit}: inside a transaction the unique submit is held until the commit, its result unknown ({@code ""}). */
    @Override
    public List<io.jobqueue.Submitted> submitUnique(List<NewMessage> messages) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return super.submitUnique(messages);
        }
        List<NewMessage> held = List.copyOf(messages);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    delegate.submitUnique(held);
                } catch (RuntimeException e) {
                    LOG.error("Could not submit {} message(s) with a unique key to queue {} after the transaction committed: {}",
                            held.size(), queueName, e.getMessage(), e);
                }
            }
        });
        return Collections.nCopies(held.size(), io.jobqueue.Submitted.stored(""));
    }
}
