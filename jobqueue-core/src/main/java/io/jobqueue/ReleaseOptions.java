package io.jobqueue;

import io.jobqueue.spi.OptionValues;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a reserved message goes back to ready: after an optional delay, and with a new priority or,
 * when {@code priority} is null, the priority it had.
 *
 * @param delay    how long the released message stays invisible; {@link Duration#ZERO} for none
 * @param priority the new priority, or {@code null} to keep the message's own
 * @param attempt  whether the release ends an attempt of the job (its release count grows by one);
 *                 false gives back a message whose job never started, as a stopping worker does
 *                 with the messages it reserved ahead
 */
public record ReleaseOptions(Duration delay, Integer priority, boolean attempt) {

    /** Release at once, keeping the priority. */
    public static final ReleaseOptions DEFAULT = new ReleaseOptions(Duration.ZERO, null, true);

    /** Give back at once a message whose job never started: the release count stays as it was. */
    public static final ReleaseOptions GIVE_BACK = new ReleaseOptions(Duration.ZERO, null, false);

    /** A release that ends an attempt. */
    public ReleaseOptions(Duration delay, Integer priority) {
        this(delay, priority, true);
    }

    public ReleaseOptions {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
    }

    /** Release after the given delay, keeping the priority. */
    public static ReleaseOptions delayed(Duration delay) {
        return new ReleaseOptions(delay, null);
    }

    /**
     * Reads the original's {@code releaseOptions}: {@code delay} in (fractional) seconds and
     * {@code priority}. The keys of the retry policy ({@code backoff}, {@code initialDelay},
     * {@code multiplier}, {@code maxDelay}, {@code jitter}; see {@link RetryPolicy#fromMap}) are
     * checked too; the delay is then {@link Duration#ZERO}, since each release computes its own.
     *
     * @throws IllegalArgumentException naming the key when it is unknown, has the wrong type or an
     *                                  impossible value
     */
    public static ReleaseOptions fromMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return DEFAULT;
        }
        RetryPolicy policy = RetryPolicy.fromMap(map); // checks every key
        Duration delay = map.containsKey("delay") ? policy.initialDelay() : Duration.ZERO;
        Integer priority = map.containsKey("priority") ? Integer.valueOf(OptionValues.integer("priority", map.get("priority"))) : null;
        return new ReleaseOptions(delay, priority);
    }

    /** These options with another delay (a release's own, computed by a {@link RetryPolicy}). */
    public ReleaseOptions withDelay(Duration delay) {
        return new ReleaseOptions(delay, priority, attempt);
    }

    /** The options in the original's form ({@code delay} in seconds). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("delay", delay.toMillis() / 1000.0);
        if (priority != null) {
            map.put("priority", priority);
        }
        return map;
    }
}
