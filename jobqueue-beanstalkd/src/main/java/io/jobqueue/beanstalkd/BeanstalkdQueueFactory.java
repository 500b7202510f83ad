package io.jobqueue.beanstalkd;

import io.jobqueue.Queue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;

/** Registers {@link BeanstalkdQueue} under the alias {@code beanstalkd} ({@code className: beanstalkd}). */
public final class BeanstalkdQueueFactory implements QueueFactory {

    @Override
    public String alias() {
        return "beanstalkd";
    }

    @Override
    public Class<? extends Queue> queueType() {
        return BeanstalkdQueue.class;
    }

    @Override
    public Queue create(QueueContext context) {
        return BeanstalkdQueue.create(context);
    }
}
