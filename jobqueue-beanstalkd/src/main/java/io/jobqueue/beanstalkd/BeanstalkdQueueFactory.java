package io.jobqueue.beanstalkd;

import io.jobqueue.beanstalkd.internal.TubeNames;
import io.jobqueue.spi.BackendFactory;
import io.jobqueue.spi.QueueContext;
import java.util.Locale;
import java.util.Optional;

/**
 * Registers {@link BeanstalkdBackend} under the alias {@code beanstalkd} ({@code className: beanstalkd}),
 * with {@code ttr}, beanstalkd's time to run, as another name of the lease ({@code leaseTimeout}).
 */
public final class BeanstalkdQueueFactory extends BackendFactory {

    /** Beanstalkd's own name of the lease: a job's time to run. */
    static final String LEASE_ALIAS = "ttr";

    public BeanstalkdQueueFactory() {
        super("beanstalkd", BeanstalkdBackend.class, BeanstalkdBackend::create, BeanstalkdBackend.CAPABILITIES);
    }

    @Override
    public String leaseTimeoutAlias() {
        return LEASE_ALIAS;
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
