package io.jobqueue;

import io.jobqueue.spi.OptionValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a failed job waits before its next try: a {@linkplain #fixed fixed delay} (the
 * original's {@code releaseOptions.delay}), or {@linkplain #exponential exponential backoff with
 * jitter}. A queue's policy comes from its {@code releaseOptions} ({@link QueueManager#retryPolicy});
 * a job class may have its own ({@link Job#retryPolicy()}).
 *
 * <p>The delay before release number {@code n} (1 for the first retry) is
 * {@code min(maxDelay, initialDelay × multiplier^(n−1))}, then shortened by up to {@code jitter} of
 * itself at random: {@code delay × (1 − jitter × r)} with {@code r} uniform in [0, 1). So it is never
 * longer than the computed delay (the {@code maxDelay} is a true maximum) and never shorter than
 * {@code (1 − jitter)} of it; the jitter keeps jobs that failed together (say, all of them at a
 * database outage) from coming back in step. Jittered delays are rounded to the millisecond; a
 * fixed delay is used exactly as given.
 *
 * <p>{@link #DEFAULT}, for a queue whose {@code releaseOptions} set no {@code delay}: initial 1 s,
 * multiplier 2, maximum 5 min, jitter 0.2, so the default three retries wait about 1 s, 2 s and
 * 4 s. In {@code releaseOptions} (seconds, fractions allowed):
 *
 * <pre>{@code
 * releaseOptions: {delay: 30}                         # fixed: every retry after 30 s (0: at once), as the original
 * releaseOptions: {backoff: exponential, initialDelay: 5, multiplier: 3, maxDelay: 600, jitter: 0.1}
 * releaseOptions: {maxDelay: 60}                      # the default backoff with another maximum
 * }</pre>
 *
 * @param initialDelay the delay before the first retry
 * @param multiplier   how much each delay grows over the one before (1 or more; 1 with no jitter is a fixed delay)
 * @param maxDelay     the longest delay, at least {@code initialDelay}
 * @param jitter       the share of a delay that may be taken off at random, 0 to 1
 */
public record RetryPolicy(Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

    /** The policy of a queue that sets no {@code delay}: 1 s doubling up to 5 min, jitter 0.2. */
    public static final RetryPolicy DEFAULT = exponential(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), 0.2);

    /** Every retry at once, as the original without a {@code delay}. */
    public static final RetryPolicy IMMEDIATE = fixed(Duration.ZERO);

    /** The keys of {@code releaseOptions}, in the order of the docs. */
    static final List<String> KEYS = List.of("delay", "priority", "backoff", "initialDelay", "multiplier", "maxDelay", "jitter");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the value that is impossible: a negative or missing
     *                                  delay, a multiplier below 1 or not finite, a jitter outside 0..1,
     *                                  a maximum below the initial delay
     */
    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay must not be negative, was " + seconds(initialDelay));
        }
        if (!Double.isFinite(multiplier) || multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be a finite number of at least 1, was " + multiplier);
        }
        if (!Double.isFinite(jitter) || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must not be below initialDelay " + seconds(initialDelay)
                    + ", was " + seconds(maxDelay));
        }
    }

    /** The same delay before every retry ({@link Duration#ZERO}: at once), as the original's {@code releaseOptions.delay}. */
    public static RetryPolicy fixed(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + seconds(delay));
        }
        return new RetryPolicy(delay, 1, delay, 0);
    }

    /**
     * Delays growing from {@code initialDelay} by {@code multiplier} up to {@code maxDelay}, each
     * shortened at random by up to {@code jitter} of itself.
     */
    public static RetryPolicy exponential(Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {
        return new RetryPolicy(initialDelay, multiplier, maxDelay, jitter);
    }

    /** Whether every retry waits the same, exactly {@link #initialDelay()}. */
    public boolean isFixed() {
        return jitter == 0 && (multiplier == 1 || initialDelay.isZero() || initialDelay.equals(maxDelay));
    }

    /**
     * The delay before a release.
     *
     * @param releaseNumber which release this is: 1 for the first retry (the message's
     *                      {@link Message#numberOfReleases()} at the failure, plus one)
     * @param random        draws the jitter; give a seeded one for repeatable delays
     * @throws IllegalArgumentException when {@code releaseNumber} is below 1
     */
    public Duration delayBefore(int releaseNumber, RandomGenerator random) {
        if (releaseNumber < 1) {
            throw new IllegalArgumentException("releaseNumber starts at 1, was " + releaseNumber);
        }
        if (isFixed()) {
            return initialDelay;
        }
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, releaseNumber - 1.0);
        double capped = Double.isFinite(nanos) ? Math.min(nanos, maxDelay.toNanos()) : maxDelay.toNanos();
        double jittered = jitter == 0 ? capped : capped * (1 - jitter * random.nextDouble());
        return Duration.ofMillis(Math.round(jittered / 1_000_000d));
    }

    /**
     * Reads a queue's {@code releaseOptions}: {@code delay} gives a {@link #fixed} policy; without
     * it, {@link #DEFAULT}, with {@code initialDelay}, {@code multiplier}, {@code maxDelay} (seconds)
     * and {@code jitter} replacing its values where given ({@code backoff: exponential} may say so
     * explicitly). {@code priority} is checked and left to {@link ReleaseOptions#fromMap}.
     *
     * @throws IllegalArgumentException naming the key and the value: an unknown key, a value of the
     *                                  wrong type, an impossible value (negative, NaN or infinite
     *                                  seconds, a multiplier below 1, a jitter outside 0..1, a
     *                                  maximum below the initial delay), or {@code delay} together
     *                                  with {@code backoff} or one of its keys
     */
    public static RetryPolicy fromMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return DEFAULT;
        }
        Duration delay = null;
        String backoffKey = null;
        Duration initial = DEFAULT.initialDelay;
        double multiplier = DEFAULT.multiplier;
        Duration max = null;
        double jitter = DEFAULT.jitter;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            switch (key) {
                case "delay" -> delay = seconds(key, value);
                case "priority" -> OptionValues.integer(key, value);
                case "backoff" -> {
                    if (!"exponential".equals(value)) {
                        throw new IllegalArgumentException("option 'backoff' must be 'exponential' (for a fixed delay set"
                                + " 'delay' instead), was " + describe(value));
                    }
                }
                case "initialDelay" -> initial = seconds(key, value);
                case "multiplier" -> multiplier = number(key, value);
                case "maxDelay" -> max = seconds(key, value);
                case "jitter" -> jitter = number(key, value);
                default -> throw new IllegalArgumentException("unknown release option '" + key + "'"
                        + OptionValues.suggestion(key, KEYS));
            }
            if (!key.equals("delay") && !key.equals("priority") && backoffKey == null) {
                backoffKey = key;
            }
        }
        if (delay != null) {
            if (backoffKey != null) {
                throw new IllegalArgumentException("options 'delay' (a fixed delay) and '" + backoffKey + "' (exponential"
                        + " backoff) exclude each other: keep one, was delay " + map.get("delay") + " and " + backoffKey
                        + " " + map.get(backoffKey));
            }
            return fixed(delay);
        }
        if (!Double.isFinite(multiplier) || multiplier < 1) {
            throw new IllegalArgumentException("option 'multiplier' must be at least 1, was " + map.get("multiplier"));
        }
        if (!Double.isFinite(jitter) || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("option 'jitter' must be between 0 and 1, was " + map.get("jitter"));
        }
        if (max == null) {
            max = DEFAULT.maxDelay;
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("option 'initialDelay' must not be above maxDelay (default "
                        + seconds(max) + "; set maxDelay too), was " + map.get("initialDelay"));
            }
        } else if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("option 'maxDelay' must not be below initialDelay " + seconds(initial)
                    + ", was " + map.get("maxDelay"));
        }
        return exponential(initial, multiplier, max, jitter);
    }

    /** E.g. {@code fixed 30 s} or {@code exponential 1 s × 2 up to 300 s, jitter 0.2}. */
    @Override
    public String toString() {
        if (isFixed()) {
            return initialDelay.isZero() ? "fixed 0 s (at once)" : "fixed " + seconds(initialDelay);
        }
        return "exponential " + seconds(initialDelay) + " × " + trim(multiplier) + " up to " + seconds(maxDelay)
                + ", jitter " + trim(jitter);
    }

    /** Seconds as the original gives them (fractions honoured), refusing negative, NaN and infinite values. */
    static Duration seconds(String key, Object value) {
        if (value instanceof Number n && !Double.isFinite(n.doubleValue())
                || value instanceof String s && isNonFinite(s)) {
            throw new IllegalArgumentException("option '" + key + "' must be a finite number of seconds, was " + value);
        }
        return OptionValues.seconds(key, value);
    }

    private static double number(String key, Object value) {
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option '" + key + "' must be a number, was " + describe(value));
            }
        } else {
            throw new IllegalArgumentException("option '" + key + "' must be a number, was " + describe(value));
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("option '" + key + "' must be a finite number, was " + value);
        }
        return d;
    }

    private static boolean isNonFinite(String s) {
        try {
            return !Double.isFinite(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }

    private static String seconds(Duration d) {
        return trim(d.toNanos() / 1e9) + " s";
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
