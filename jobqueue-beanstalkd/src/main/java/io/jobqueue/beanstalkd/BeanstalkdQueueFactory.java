package io.jobqueue.beanstalkd;

import io.jobqueue.Queue;
import io.jobqueue.beanstalkd.internal.TubeNames;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.util.Locale;
import java.util.Optional;

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

    /**
     * The server and the tube, e.g. {@code 127.0.0.1:11300 tube p-mail} (host in lower case; the tube
     * as it is, since beanstalkd compares tube names byte for byte): two configured queues with the
     * same prefixed name on one server would share every job, so the queue manager refuses them.
     * Reads the options without connecting.
     */
    @Override
    public Optional<String> location(QueueContext context) {
        BeanstalkdOptions options = BeanstalkdOptions.from(context);
        TubeNames.check(context.name());
        return Optional.of(options.host().toLowerCase(Locale.ROOT) + ":" + options.port() + " tube " + context.name());
    }
}
