package io.jobqueue.beanstalkd;

import io.jobqueue.ConfigurationException;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.QueueContext;
import java.util.Objects;

/**
 * The options of a beanstalkd queue that are beanstalkd's own, validated. The shared ones,
 * {@code defaultTimeout} and the lease ({@code leaseTimeout}, or {@code ttr} as beanstalkd calls
 * it), are read by the core and reach the backend in its {@link QueueContext}. In settings:
 *
 * <pre>{@code
 * queues:
 *   email:
 *     className: beanstalkd
 *     options: {host: 127.0.0.1, port: 11300, ttr: 60, maxJobSize: 65535}
 * }</pre>
 *
 * @param host       server host (default {@value #DEFAULT_HOST})
 * @param port       server port (default {@value #DEFAULT_PORT})
 * @param maxJobSize the server's job size limit {@code -z} in bytes (default 65535, beanstalkd's
 *                   own default); bodies of more than {@code maxJobSize - 2} bytes are refused
 *                   before they are sent, because beanstalkd 1.12 loses a job that fills the
 *                   limit (and every later job of that binlog file) when it replays its binlog
 * @param adoptTube  take a tube that holds jobs but no ownership mark (an earlier version's
 *                   messages of this queue) as the queue's own, and mark it (default false:
 *                   such a tube is refused, see {@code docs/beanstalkd.md}, "What the queue
 *                   touches"); once the tube is marked the option changes nothing
 */
public record BeanstalkdOptions(String host, int port, int maxJobSize, boolean adoptTube) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 11300;
    public static final int DEFAULT_MAX_JOB_SIZE = 65_535;

    /** Every default. */
    public static final BeanstalkdOptions DEFAULTS = new BeanstalkdOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_JOB_SIZE, false);

    public BeanstalkdOptions {
        Objects.requireNonNull(host, "host");
        require(!host.isBlank(), "host", "must not be blank");
        require(port >= 1 && port <= 65_535, "port", "must be between 1 and 65535, was " + port);
        require(maxJobSize >= 1, "maxJobSize", "must be at least 1 byte, was " + maxJobSize);
    }

    /**
     * Reads and validates a queue's own options; an unknown key, a wrong type or a bad value is a
     * {@link ConfigurationException} naming the queue and the key.
     */
    public static BeanstalkdOptions from(QueueContext context) {
        OptionReader reader = context.options();
        String host = reader.string("host", DEFAULT_HOST);
        int port = reader.integer("port", DEFAULT_PORT);
        int maxJobSize = reader.integer("maxJobSize", DEFAULT_MAX_JOB_SIZE);
        boolean adoptTube = reader.bool("adoptTube", false);
        reader.allow(BeanstalkdQueueFactory.LEASE_ALIAS);
        reader.done();
        try {
            return new BeanstalkdOptions(host, port, maxJobSize, adoptTube);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + " (queue '" + context.configuredName() + "')", e);
        }
    }

    private static void require(boolean condition, String key, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("option '" + key + "' " + problem);
        }
    }
}
