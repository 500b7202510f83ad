package io.jobqueue.spi;

import io.jobqueue.ConfigurationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a backend gets to build one queue: its names, the settings every backend shares (the two
 * timeouts and the retention of finished messages, parsed and validated by the core) and its own
 * options.
 *
 * @param name           the prefixed queue name the backend stores under
 * @param configuredName the name in the settings (without prefix), for messages to the user
 * @param rawOptions     the merged {@code options} map of the queue's settings, the shared keys included
 * @param defaultTimeout how long a reserve with a {@code null} timeout waits (option {@code defaultTimeout}, default 60 s)
 * @param leaseTimeout   how long a reservation lasts without renewal (option {@code leaseTimeout}, default 60 s)
 * @param leaseTimeoutAlias the backend's other name of the lease option ({@link QueueFactory#leaseTimeoutAlias()}), or ""
 * @param retainFinished how long finished messages are kept (option {@code retainFinished}, default
 *                       {@link FinishedRetention#NONE}); only a backend declaring
 *                       {@link io.jobqueue.Capability#RETAIN_FINISHED} is given one that is on
 * @param limits         the reservation limits (options {@code concurrencyLimit} and {@code rateLimit}, default
 *                       {@link ReserveLimits#NONE}); only a backend declaring the capability of a limit is given it
 */
public record QueueContext(String name, String configuredName, Map<String, Object> rawOptions,
        Duration defaultTimeout, Duration leaseTimeout, String leaseTimeoutAlias, FinishedRetention retainFinished,
        ReserveLimits limits) {

    /** The timeouts' default: 60 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The option keys the core reads for every backend. */
    public static final Set<String> SHARED_KEYS = Set.of("defaultTimeout", "leaseTimeout", FinishedRetention.KEY,
            ReserveLimits.CONCURRENCY_KEY, ReserveLimits.RATE_KEY);

    public QueueContext {
        rawOptions = rawOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rawOptions));
        leaseTimeoutAlias = leaseTimeoutAlias == null ? "" : leaseTimeoutAlias;
        retainFinished = retainFinished == null ? FinishedRetention.NONE : retainFinished;
        limits = limits == null ? ReserveLimits.NONE : limits;
    }

    /** A context without reservation limits. */
    public QueueContext(String name, String configuredName, Map<String, Object> rawOptions, Duration defaultTimeout,
            Duration leaseTimeout, String leaseTimeoutAlias, FinishedRetention retainFinished) {
        this(name, configuredName, rawOptions, defaultTimeout, leaseTimeout, leaseTimeoutAlias, retainFinished, ReserveLimits.NONE);
    }

    /** A context that keeps no finished messages. */
    public QueueContext(String name, String configuredName, Map<String, Object> rawOptions, Duration defaultTimeout,
            Duration leaseTimeout, String leaseTimeoutAlias) {
        this(name, configuredName, rawOptions, defaultTimeout, leaseTimeout, leaseTimeoutAlias, FinishedRetention.NONE);
    }

    /** A context of a backend without a lease alias. */
    public QueueContext(String name, String configuredName, Map<String, Object> rawOptions, Duration defaultTimeout,
            Duration leaseTimeout) {
        this(name, configuredName, rawOptions, defaultTimeout, leaseTimeout, "");
    }

    /**
     * A context read from options: {@code defaultTimeout} and {@code leaseTimeout} parsed here
     * (seconds, fractions allowed), the lease also under the backend's alias (Beanstalkd's {@code ttr}),
     * and {@code retainFinished} as {@link FinishedRetention#parse} reads it.
     *
     * @throws ConfigurationException naming the queue, the key and the value when one is not a
     *                                positive number of seconds, or when the lease is given twice
     */
    public static QueueContext of(String name, String configuredName, Map<String, Object> options, String leaseAlias) {
        OptionReader reader = new OptionReader(configuredName, options);
        Duration defaultTimeout = reader.seconds("defaultTimeout", DEFAULT_TIMEOUT);
        Duration lease = reader.seconds("leaseTimeout", null);
        if (leaseAlias != null && !leaseAlias.isEmpty()) {
            Duration aliased = reader.seconds(leaseAlias, null);
            if (aliased != null && lease != null && !aliased.equals(lease)) {
                throw new ConfigurationException("options '" + leaseAlias + "' and 'leaseTimeout' of queue '" + configuredName
                        + "' are the same setting; give only one (" + leaseAlias + " " + aliased.toMillis() / 1000.0
                        + " s, leaseTimeout " + lease.toMillis() / 1000.0 + " s)");
            }
            lease = lease != null ? lease : aliased;
        }
        lease = lease == null ? DEFAULT_TIMEOUT : lease;
        if (defaultTimeout.isNegative()) {
            throw new ConfigurationException("option 'defaultTimeout' of queue '" + configuredName + "' must not be negative, was "
                    + options.get("defaultTimeout"));
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new ConfigurationException("option 'leaseTimeout' of queue '" + configuredName + "' must be more than 0 seconds, was "
                    + (options.get("leaseTimeout") != null ? options.get("leaseTimeout") : options.get(leaseAlias)));
        }
        FinishedRetention retention = FinishedRetention.parse(configuredName, options.get(FinishedRetention.KEY));
        ReserveLimits limits = ReserveLimits.parse(configuredName, options);
        return new QueueContext(name, configuredName, options, defaultTimeout, lease, leaseAlias, retention, limits);
    }

    /** A context for a queue without prefix or lease alias, for tests and code. */
    public static QueueContext of(String name, Map<String, Object> options) {
        return of(name, name, options == null ? Map.of() : options, null);
    }

    /**
     * A fresh reader of the backend's own options: the shared keys (and the lease alias) are already
     * known to it, so {@link OptionReader#done()} refuses only the backend's unknown keys.
     */
    public OptionReader options() {
        OptionReader reader = new OptionReader(configuredName, rawOptions);
        reader.allow(SHARED_KEYS.toArray(String[]::new));
        if (!leaseTimeoutAlias.isEmpty()) {
            reader.allow(leaseTimeoutAlias);
        }
        return reader;
    }
}
