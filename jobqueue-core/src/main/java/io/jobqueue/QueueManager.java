package io.jobqueue;

import io.jobqueue.internal.Backends;
import io.jobqueue.spi.BackendCustomizer;
import io.jobqueue.spi.OptionValues;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.QueueFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns settings into queues: merges a queue's preset under its own settings, applies
 * {@code queueNamePrefix}, finds the backend through {@link java.util.ServiceLoader}, and keeps
 * one instance per configured queue name. Unknown queues, presets, backends and option keys are
 * refused with one line that names them and suggests the nearest known name. Two configured queues
 * whose backend would keep their messages in the same place (the same table, keys or tube, see
 * {@link QueueFactory#location}) are refused too, naming both.
 *
 * <p>Thread-safe. {@link #close()} closes every queue it built.
 */
public final class QueueManager implements AutoCloseable {

    private final JobQueueSettings settings;
    private final Backends backends;
    private final BackendCustomizer customizer;
    private final Map<String, QueueSettings> merged = new ConcurrentHashMap<>();
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Map<String, ReleaseOptions> releaseOptions = new ConcurrentHashMap<>();
    private final Map<String, RetryPolicy> retryPolicies = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> locations = new ConcurrentHashMap<>();

    public QueueManager(JobQueueSettings settings) {
        this(settings, Thread.currentThread().getContextClassLoader());
    }

    /** Finds backends with the given class loader (e.g. one that holds user jars). */
    public QueueManager(JobQueueSettings settings, ClassLoader classLoader) {
        this(settings, classLoader, BackendCustomizer.NONE);
    }

    /**
     * Finds backends with the given class loader, and lets {@code customizer} build the backends it
     * wants to (an integration's hook; see {@link BackendCustomizer}).
     */
    public QueueManager(JobQueueSettings settings, ClassLoader classLoader, BackendCustomizer customizer) {
        this.settings = settings;
        this.backends = new Backends(classLoader == null ? QueueManager.class.getClassLoader() : classLoader);
        this.customizer = java.util.Objects.requireNonNull(customizer, "customizer");
    }

    /** Reads settings from a YAML file; see {@link JobQueueSettings#fromYaml(Path)}. */
    public static QueueManager fromYaml(Path file) {
        return new QueueManager(JobQueueSettings.fromYaml(file));
    }

    /** The settings this manager was built from. */
    public JobQueueSettings settings() {
        return settings;
    }

    /** The configured queue names, in the order of the settings. */
    public Set<String> queueNames() {
        return settings.queues().keySet();
    }

    /**
     * A queue's settings merged over its preset.
     *
     * @throws ConfigurationException for an unknown queue or preset
     */
    public QueueSettings getQueueSettings(String queueName) {
        return merged.computeIfAbsent(queueName, this::merge);
    }

    /**
     * The queue with that configured name, built on first use.
     *
     * @throws ConfigurationException for an unknown queue, preset, backend or option
     */
    public Queue getQueue(String queueName) {
        Queue queue = queues.get(queueName);
        if (queue != null) {
            return queue;
        }
        synchronized (queues) {
            return queues.computeIfAbsent(queueName, this::build);
        }
    }

    /**
     * What the backend of a configured queue can do, read from its settings without building or
     * connecting it; empty when only a built backend can tell.
     *
     * @throws ConfigurationException for an unknown queue, preset, backend or option
     */
    public Optional<QueueCapabilities> capabilities(String queueName) {
        QueueSettings queueSettings = getQueueSettings(queueName);
        if (queueSettings.className() == null) {
            return Optional.empty();
        }
        Queue built = queues.get(queueName);
        if (built != null) {
            return Optional.of(built.capabilities());
        }
        QueueFactory factory = backends.find(queueSettings.className(), queueName);
        return factory.capabilities(context(queueName, queueSettings, factory));
    }

    /**
     * The release options of a queue, parsed once: its {@code priority}, and its {@code delay} when
     * it sets one ({@link Duration#ZERO} when it retries with backoff; a failed job's release
     * computes its delay from {@link #retryPolicy}).
     *
     * @throws ConfigurationException naming the queue, the key and the value when one is wrong
     */
    public ReleaseOptions releaseOptions(String queueName) {
        return releaseOptions.computeIfAbsent(queueName, name -> {
            try {
                return ReleaseOptions.fromMap(getQueueSettings(name).releaseOptions());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage() + " in releaseOptions of queue '" + name + "'", e);
            }
        });
    }

    /**
     * How long a failed job of the queue waits before its next try, parsed once from its
     * {@code releaseOptions}: {@link RetryPolicy#fixed} with the original's {@code delay} when it sets
     * one, else exponential backoff ({@link RetryPolicy#DEFAULT} with the queue's {@code initialDelay},
     * {@code multiplier}, {@code maxDelay} and {@code jitter}). A job class may override it
     * ({@link Job#retryPolicy()}).
     *
     * @throws ConfigurationException naming the queue, the key and the value when one is wrong
     */
    public RetryPolicy retryPolicy(String queueName) {
        return retryPolicies.computeIfAbsent(queueName, name -> {
            try {
                return RetryPolicy.fromMap(getQueueSettings(name).releaseOptions());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage() + " in releaseOptions of queue '" + name + "'", e);
            }
        });
    }

    /** Checks that the queue exists and its settings are sound, building it (which may connect). */
    public void requireQueue(String queueName) {
        getQueue(queueName);
        releaseOptions(queueName);
        retryPolicy(queueName);
    }

    @Override
    public void close() {
        synchronized (queues) {
            for (Queue queue : queues.values()) {
                try {
                    queue.close();
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(QueueManager.class)
                            .warn("Closing queue {} failed: {}", queue.name(), e.toString());
                }
            }
            queues.clear();
        }
    }

    private QueueSettings merge(String queueName) {
        QueueSettings own = settings.queues().get(queueName);
        if (own == null) {
            throw new ConfigurationException("queue '" + queueName + "' is not configured"
                    + OptionValues.suggestion(queueName, settings.queues().keySet()));
        }
        if (own.preset() == null) {
            return own;
        }
        QueueSettings preset = settings.presets().get(own.preset());
        if (preset == null) {
            throw new ConfigurationException("preset '" + own.preset() + "' of queue '" + queueName + "' is not configured"
                    + OptionValues.suggestion(own.preset(), settings.presets().keySet()));
        }
        return own.mergedOver(preset);
    }

    private Queue build(String queueName) {
        QueueSettings queueSettings = getQueueSettings(queueName);
        if (queueSettings.className() == null) {
            throw new ConfigurationException("queue '" + queueName + "' has no className (a backend such as "
                    + String.join(", ", backends.aliases()) + ")");
        }
        QueueFactory factory = backends.find(queueSettings.className(), queueName);
        QueueContext context = context(queueName, queueSettings, factory);
        refuseSharedStorage(queueName, factory, factory.location(context));
        return Queue.of(context, customizer.create(context, factory).orElseGet(() -> factory.create(context)));
    }

    private static QueueContext context(String queueName, QueueSettings queueSettings, QueueFactory factory) {
        Map<String, Object> options = new LinkedHashMap<>(queueSettings.options());
        return QueueContext.of(queueSettings.prefix() + queueName, queueName, options, factory.leaseTimeoutAlias());
    }

    /** Stops when another configured queue of the same backend would keep its messages in the same place. */
    private void refuseSharedStorage(String queueName, QueueFactory factory, Optional<String> location) {
        if (location.isEmpty()) {
            return;
        }
        String key = factory.backendType().getName() + " " + location.get();
        for (String other : settings.queues().keySet()) {
            if (!other.equals(queueName) && locations.computeIfAbsent(other, this::locationOf).filter(key::equals).isPresent()) {
                throw new ConfigurationException("queues '" + other + "' and '" + queueName + "' would keep their messages"
                        + " in the same place (" + location.get() + "): a message submitted to one would be run by the"
                        + " other's workers and a flush of one would delete the other's; give one of them another name,"
                        + " queueNamePrefix or storage option (such as tableName)");
            }
        }
    }

    /** The backend and location of a configured queue, or empty when it has none or its settings are broken. */
    private Optional<String> locationOf(String queueName) {
        try {
            QueueSettings queueSettings = getQueueSettings(queueName);
            if (queueSettings.className() == null) {
                return Optional.empty();
            }
            QueueFactory factory = backends.find(queueSettings.className(), queueName);
            return factory.location(context(queueName, queueSettings, factory)).map(l -> factory.backendType().getName() + " " + l);
        } catch (RuntimeException e) {
            return Optional.empty(); // that queue reports its own error when it is used
        }
    }
}
