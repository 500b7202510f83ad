package io.jobqueue.spi;

import io.jobqueue.QueueCapabilities;
import java.util.Optional;

/**
 * Builds the backends of one kind. Backends register an implementation in
 * {@code META-INF/services/io.jobqueue.spi.QueueFactory} (and {@code provides} in their
 * {@code module-info.java}); the queue manager finds it by {@link #alias()} (for example
 * {@code memory}, {@code jdbc}) or by the full name of {@link #backendType()}, the original's
 * {@code className} style.
 */
public interface QueueFactory {

    /** The short name used as {@code className} in settings. */
    String alias();

    /** The class of the backends this factory builds. */
    Class<? extends QueueBackend> backendType();

    /**
     * Another name this backend's users know the {@code leaseTimeout} option by (Beanstalkd's
     * {@code ttr}); empty (the default) for none. The core accepts either, never both different.
     */
    default String leaseTimeoutAlias() {
        return "";
    }

    /**
     * Builds a backend. Reads its own options through {@link QueueContext#options()} and calls
     * {@link OptionReader#done()} so an unknown key stops start-up with its name; the shared
     * timeouts come typed in the context.
     *
     * @throws io.jobqueue.ConfigurationException for bad options
     */
    QueueBackend create(QueueContext context);

    /**
     * What a backend of these settings can do, computed from the options without connecting, for
     * {@code queue:describe}; empty (the default) when only a built backend can tell.
     *
     * @throws io.jobqueue.ConfigurationException for bad options, as {@link #create} would
     */
    default Optional<QueueCapabilities> capabilities(QueueContext context) {
        return Optional.empty();
    }

    /**
     * Where the queue of these settings keeps its messages, computed from the options without
     * connecting: for example {@code jdbc:postgresql://h/db table jobqueue_messages_email}. Two
     * configured queues of one backend with the same location would share their messages, so the
     * queue manager refuses to build either and names both. The text appears in error messages and
     * must hold no secret. Empty (the default) when queues of this backend never share storage.
     *
     * @throws io.jobqueue.ConfigurationException for bad options, as {@link #create} would
     */
    default Optional<String> location(QueueContext context) {
        return Optional.empty();
    }
}
