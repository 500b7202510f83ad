package io.jobqueue.spi;

import java.util.Map;

/**
 * What a backend gets to build one queue.
 *
 * @param name           the prefixed queue name the backend stores under
 * @param configuredName the name in the settings (without prefix), for messages to the user
 * @param rawOptions     the merged {@code options} map of the queue's settings
 */
public record QueueContext(String name, String configuredName, Map<String, Object> rawOptions) {

    public QueueContext {
        rawOptions = rawOptions == null ? Map.of() : Map.copyOf(rawOptions);
    }

    /** A context for a queue without prefix. */
    public static QueueContext of(String name, Map<String, Object> options) {
        return new QueueContext(name, name, options);
    }

    /** A fresh reader that validates this queue's options. */
    public OptionReader options() {
        return new OptionReader(configuredName, rawOptions);
    }
}
