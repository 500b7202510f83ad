package io.jobqueue.spring.internal;

import io.jobqueue.BackendException;
import io.jobqueue.ConfigurationException;
import io.jobqueue.QueueManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Builds every configured queue when the application's singletons are ready, so a typo in a
 * queue's settings or options stops start-up with its one-line message. A server that cannot be
 * reached does not: it is logged and the health contributor reports it, unless
 * {@code jobqueue.fail-fast=true} asks to stop.
 */
public final class QueueStartupCheck implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(QueueStartupCheck.class);

    private final QueueManager queues;
    private final boolean failFast;

    public QueueStartupCheck(QueueManager queues, boolean failFast) {
        this.queues = queues;
        this.failFast = failFast;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : queues.queueNames()) {
            try {
                queues.requireQueue(name);
            } catch (ConfigurationException e) {
                throw e;
            } catch (BackendException e) {
                if (failFast) {
                    throw new ConfigurationException("queue '" + name + "' cannot be used at start-up (jobqueue.fail-fast is"
                            + " true): " + e.getMessage(), e);
                }
                LOG.warn("Queue {} cannot be used yet: {}; the application starts anyway and its health reports it", name,
                        e.getMessage());
            }
        }
    }
}
