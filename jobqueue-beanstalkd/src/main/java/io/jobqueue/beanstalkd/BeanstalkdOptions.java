package io.jobqueue.beanstalkd;

import io.jobqueue.ConfigurationException;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.Objects;

/**
 * The options of a beanstalkd queue, validated. In settings:
 *
 * <pre>{@code
 * queues:
 *   email:
 *     className: beanstalkd
 *     options: {host: 127.0.0.1, port: 11300, defaultTimeout: 60, ttr: 60, maxJobSize: 65535}
 * }</pre>
 *
 *
 * @param host           server host (default {@value #DEFAULT_HOST})
 * @param port           server port (default {@value #DEFAULT_PORT})
 * @param defaultTimeout how long {@code waitAndReserve(null)} and {@code waitAndTake(null)} wait
 *                       (default 60 s; beanstalkd waits in whole seconds, so it is rounded up)
 * @param ttr            the lease: beanstalkd's time to run of every job this queue puts, renewed
 *                       with {@code touch} (default 60 s; option {@code ttr}, or {@code leaseTimeout}
 *                       as every backend calls it; the server counts whole seconds, at least 1)
 * @param maxJobSize     the server's job size limit {@code -z} in bytes (default 65535, beanstalkd's
 *                       own default); bodies of more than {@code maxJobSize - 2} bytes are refused
 *                       before they are sent, because beanstalkd 1.12 loses a job that fills the
 *                       limit (and every later job of that binlog file) when it replays its binlog
 * @param adoptTube      take a tube that holds jobs but no ownership mark (an earlier version's
 *                       messages of this queue) as the queue's own, and mark it (default false:
 *                       such a tube is refused, see {@code docs/beanstalkd.md}, "What the queue
 *                       touches"); once the tube is marked the option changes nothing
 */
public record BeanstalkdOptions(String host, int port, Duration defaultTimeout, Duration ttr, int maxJobSize,
        boolean adoptTube) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 11300;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TTR = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_JOB_SIZE = 65_535;

    /** Every default. */
    public static final BeanstalkdOptions DEFAULTS =
            new BeanstalkdOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT, DEFAULT_TTR, DEFAULT_MAX_JOB_SIZE, false);

    public BeanstalkdOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(ttr, "ttr");
        require(!host.isBlank(), "host", "must not be blank");
        require(port >= 1 && port <= 65_535, "port", "must be between 1 and 65535, was " + port);
        require(!defaultTimeout.isNegative(), "defaultTimeout", "must not be negative");
        require(!ttr.isNegative() && !ttr.isZero(), "ttr", "must be more than 0 seconds, was " + ttr.toMillis() / 1000.0);
        require(ttr.compareTo(Duration.ofSeconds(4_294_967_295L)) <= 0, "ttr", "must be at most 2^32 - 1 seconds");
        require(maxJobSize >= 1, "maxJobSize", "must be at least 1 byte, was " + maxJobSize);
    }

    /** Options that do not adopt a tube (see {@link #adoptTube()}). */
    public BeanstalkdOptions(String host, int port, Duration defaultTimeout, Duration ttr, int maxJobSize) {
        this(host, port, defaultTimeout, ttr, maxJobSize, false);
    }

    /**
     * Reads and validates a queue's options; an unknown key, a wrong type or a bad value is a
     * {@link ConfigurationException} naming the queue and the key.
     */
    public static BeanstalkdOptions from(QueueContext context) {
        OptionReader reader = context.options();
        String host = reader.string("host", DEFAULT_HOST);
        int port = reader.integer("port", DEFAULT_PORT);
        Duration defaultTimeout = reader.seconds("defaultTimeout", DEFAULT_TIMEOUT);
        Duration ttr = reader.seconds("ttr", null);
        Duration leaseTimeout = reader.seconds("leaseTimeout", null);
        int maxJobSize = reader.integer("maxJobSize", DEFAULT_MAX_JOB_SIZE);
        boolean adoptTube = reader.bool("adoptTube", false);
        reader.done();
        if (ttr != null && leaseTimeout != null && !ttr.equals(leaseTimeout)) {
            throw new ConfigurationException("options 'ttr' and 'leaseTimeout' of queue '" + context.configuredName()
                    + "' are the same setting; give only one (ttr " + ttr.toMillis() / 1000.0 + " s, leaseTimeout "
                    + leaseTimeout.toMillis() / 1000.0 + " s)");
        }
        Duration lease = ttr != null ? ttr : leaseTimeout != null ? leaseTimeout : DEFAULT_TTR;
        try {
            return new BeanstalkdOptions(host, port, defaultTimeout, lease, maxJobSize, adoptTube);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + " (queue '" + context.configuredName() + "')", e);
        }
    }

    /** A copy with another server address. */
    public BeanstalkdOptions withServer(String newHost, int newPort) {
        return new BeanstalkdOptions(newHost, newPort, defaultTimeout, ttr, maxJobSize, adoptTube);
    }

    /** A copy with another lease (time to run). */
    public BeanstalkdOptions withTtr(Duration newTtr) {
        return new BeanstalkdOptions(host, port, defaultTimeout, newTtr, maxJobSize, adoptTube);
    }

    /** A copy with another default wait. */
    public BeanstalkdOptions withDefaultTimeout(Duration newTimeout) {
        return new BeanstalkdOptions(host, port, newTimeout, ttr, maxJobSize, adoptTube);
    }

    /** A copy with another job size limit. */
    public BeanstalkdOptions withMaxJobSize(int newMaxJobSize) {
        return new BeanstalkdOptions(host, port, defaultTimeout, ttr, newMaxJobSize, adoptTube);
    }

    /** A copy that adopts (or does not adopt) a tube without an ownership mark. */
    public BeanstalkdOptions withAdoptTube(boolean adopt) {
        return new BeanstalkdOptions(host, port, defaultTimeout, ttr, maxJobSize, adopt);
    }

    private static void require(boolean condition, String key, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("option '" + key + "' " + problem);
        }
    }
}
