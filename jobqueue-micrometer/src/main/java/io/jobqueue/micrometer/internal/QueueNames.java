package io.jobqueue.micrometer.internal;

import io.jobqueue.ConfigurationException;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the configured name of a queue the job manager reports, for the {@code queue} tag:
 * {@link Queue#name()} carries the {@code queueNamePrefix}, which would split one queue's series
 * between installations. Resolved once per queue object; never builds a queue unless two
 * configured queues share a prefixed name. Thread-safe.
 */
public final class QueueNames {

    private final QueueManager queueManager;
    private final Map<Queue, String> names = new ConcurrentHashMap<>();

    public QueueNames(QueueManager queueManager) {
        this.queueManager = queueManager;
    }

    /** The configured name of the queue; its backend name when no configured queue matches. */
    public String of(Queue queue) {
        String name = names.get(queue);
        return name != null ? name : names.computeIfAbsent(queue, this::resolve);
    }

    private String resolve(Queue queue) {
        List<String> candidates = new ArrayList<>();
        for (String configured : queueManager.queueNames()) {
            try {
                if ((queueManager.getQueueSettings(configured).prefix() + configured).equals(queue.name())) {
                    candidates.add(configured);
                }
            } catch (ConfigurationException e) {
                // a queue whose settings are broken was never built, so it is not this one
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        for (String configured : candidates) {
            if (queueManager.getQueue(configured) == queue) {
                return configured;
            }
        }
        return queue.name();
    }
}
