package io.jobqueue.spi;

import io.jobqueue.Queue;
import java.util.Optional;

/**
 * Builds queues of one backend. Backends register an implementation in
 * {@code META-INF/services/io.jobqueue.spi.QueueFactory}; the queue manager finds it by
 * {@link #alias()} (for example {@code memory}, {@code jdbc}) or by the full name of
 * {@link #queueType()}, the original's {@code className} style.
 */
public interface QueueFactory {

    /** The short name used as {@code className} in settings. */
    String alias();

    /** The class of the queues this factory builds. */
    Class<? extends Queue> queueType();

    /**
     * Builds a queue. Reads its options through {@link QueueContext#options()} and calls
     * {@link OptionReader#done()} so an unknown key stops start-up with its name.
     *
     * @throws io.jobqueue.ConfigurationException for bad options
     */
    Queue create(QueueContext context);

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
