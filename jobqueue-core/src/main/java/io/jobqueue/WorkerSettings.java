package io.jobqueue;

import io.jobqueue.spi.OptionReader;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code worker:} section of {@code jobqueue.yaml}: how a worker runs, for every worker of the
 * application that does not set a value in code or on the command line. Unset values are null.
 *
 * <pre>{@code
 * worker:
 *   concurrency: 4      # jobs at once
 *   prefetch: 8         # messages reserved ahead of free job threads (unset: adapts to the jobs)
 *   batchSize: 50       # most messages reserved in one call
 *   pollTimeout: 2      # seconds of the longest single wait on a queue
 *   gracePeriod: 30     # seconds running jobs get to finish after a stop
 *   waitForBackend: 30  # seconds `jobqueue job:work` waits at start for its backends before it exits 3
 *   heartbeatInterval: 10 # seconds between the worker's heartbeats; 0 publishes none
 * }</pre>
 *
 * @param concurrency jobs at once
 * @param prefetch    messages reserved ahead of free job threads
 * @param batchSize   most messages reserved in one call
 * @param pollTimeout longest single wait on a queue
 * @param gracePeriod how long running jobs may take to finish after a stop
 * @param waitForBackend how long {@code jobqueue job:work} waits at start for its queues' backends
 *                       to be usable (its {@code --wait-for-backend} overrides it)
 * @param heartbeatInterval how often a worker publishes its heartbeat; zero publishes none
 */
public record WorkerSettings(Integer concurrency, Integer prefetch, Integer batchSize, Duration pollTimeout, Duration gracePeriod,
        Duration waitForBackend, Duration heartbeatInterval) {

    /** Nothing set. */
    public static final WorkerSettings EMPTY = new WorkerSettings(null, null, null, null, null, null, null);

    /** The settings of the five worker keys; {@code waitForBackend} and {@code heartbeatInterval} are unset. */
    public WorkerSettings(Integer concurrency, Integer prefetch, Integer batchSize, Duration pollTimeout, Duration gracePeriod) {
        this(concurrency, prefetch, batchSize, pollTimeout, gracePeriod, null, null);
    }

    /**
     * Reads the section; unknown keys stop start-up with their name and a suggestion.
     *
     * @throws ConfigurationException naming the key and the value
     */
    public static WorkerSettings fromMap(Map<String, Object> section, String source) {
        if (section == null || section.isEmpty()) {
            return EMPTY;
        }
        OptionReader reader = OptionReader.forSection("the worker section of " + source, section);
        WorkerSettings settings = new WorkerSettings(
                reader.read("concurrency", null, v -> atLeast("concurrency", v, 1)),
                reader.read("prefetch", null, v -> atLeast("prefetch", v, 0)),
                reader.read("batchSize", null, v -> atLeast("batchSize", v, 1)),
                reader.seconds("pollTimeout", null),
                reader.seconds("gracePeriod", null),
                reader.seconds("waitForBackend", null),
                reader.seconds("heartbeatInterval", null));
        reader.done();
        return settings;
    }

    private static Integer atLeast(String key, Object value, int minimum) {
        int number = io.jobqueue.spi.OptionValues.integer(key, value);
        if (number < minimum) {
            throw new IllegalArgumentException("option '" + key + "' must be >= " + minimum + ", was " + number);
        }
        return number;
    }
}
