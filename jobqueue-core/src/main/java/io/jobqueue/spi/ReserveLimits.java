package io.jobqueue.spi;

import io.jobqueue.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The limits a backend enforces when it reserves, read by the core from the queue's options and
 * handed to backends that declare the capability ({@link io.jobqueue.Capability#CONCURRENCY_LIMIT},
 * {@link io.jobqueue.Capability#RATE_LIMIT}); the core refuses them at start-up for the others.
 *
 * <pre>
 * options:
 *   concurrencyLimit: 2                  # at most 2 reserved at once per concurrency key
 *   rateLimit: 100/1s                    # at most 100 reservations per second, all workers together
 *   rateLimit: { count: 100, per: 1s }   # the same
 * </pre>
 *
 * @param concurrencyLimit most messages reserved at once per concurrency key; 0 for no limit.
 *                         Messages without a key are not limited.
 * @param rateCount        most reservations per {@code ratePer}; 0 for no limit
 * @param ratePer          the interval of the rate limit; zero when there is none
 */
public record ReserveLimits(int concurrencyLimit, int rateCount, Duration ratePer) {

    /** No limits. */
    public static final ReserveLimits NONE = new ReserveLimits(0, 0, Duration.ZERO);
    /** The option key of the concurrency limit. */
    public static final String CONCURRENCY_KEY = "concurrencyLimit";
    /** The option key of the rate limit. */
    public static final String RATE_KEY = "rateLimit";
    /** The largest count either limit takes. */
    public static final int MOST = 1_000_000;

    public ReserveLimits {
        if (concurrencyLimit < 0 || rateCount < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        ratePer = ratePer == null ? Duration.ZERO : ratePer;
        if ((rateCount == 0) != ratePer.isZero()) {
            throw new IllegalArgumentException("a rate limit needs both a count and an interval");
        }
    }

    /** Whether a concurrency limit is set. */
    public boolean limitsConcurrency() {
        return concurrencyLimit > 0;
    }

    /** Whether a rate limit is set. */
    public boolean limitsRate() {
        return rateCount > 0;
    }

    /** The rate limit as the settings write it ({@code 100/1s}), or {@code off}. */
    public String describeRate() {
        return limitsRate() ? rateCount + "/" + FinishedRetention.describe(ratePer) : "off";
    }

    /**
     * Reads {@code concurrencyLimit} and {@code rateLimit} from a queue's options.
     *
     * @throws ConfigurationException naming the queue, the option and the value
     */
    public static ReserveLimits parse(String queue, Map<String, Object> options) {
        int concurrency = 0;
        Object limit = options.get(CONCURRENCY_KEY);
        if (limit != null && !Boolean.FALSE.equals(limit) && !"off".equals(limit)) {
            concurrency = count(queue, CONCURRENCY_KEY, limit);
        }
        Object rate = options.get(RATE_KEY);
        if (rate == null || Boolean.FALSE.equals(rate) || "off".equals(rate)) {
            return new ReserveLimits(concurrency, 0, Duration.ZERO);
        }
        Object count;
        Object per;
        if (rate instanceof Map<?, ?> map) {
            count = null;
            per = null;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                switch (key) {
                    case "count" -> count = entry.getValue();
                    case "per" -> per = entry.getValue();
                    default -> throw new ConfigurationException("unknown key '" + key + "' in option '" + RATE_KEY + "' of queue '"
                            + queue + "'" + OptionValues.suggestion(key, List.of("count", "per"))
                            + "; it takes count (like 100) and per (like 1s)");
                }
            }
            if (count == null || per == null) {
                throw new ConfigurationException("option '" + RATE_KEY + "' of queue '" + queue + "' needs both count and per,"
                        + " for example {count: 100, per: 1s}, was " + rate);
            }
        } else {
            String text = String.valueOf(rate).trim();
            int slash = text.indexOf('/');
            if (!(rate instanceof String) || slash < 0) {
                throw new ConfigurationException("option '" + RATE_KEY + "' of queue '" + queue + "' must be a count per interval"
                        + " like 100/1s or {count: 100, per: 1s}, was '" + rate + "'");
            }
            count = text.substring(0, slash).trim();
            per = text.substring(slash + 1).trim();
        }
        int rateCount = count(queue, RATE_KEY + " count", count);
        Duration interval = FinishedRetention.age(queue, RATE_KEY + " interval", per);
        if (interval.compareTo(Duration.ofDays(1)) > 0) {
            throw new ConfigurationException("the interval of option '" + RATE_KEY + "' of queue '" + queue
                    + "' must be at most 1d, was '" + per + "'");
        }
        return new ReserveLimits(concurrency, rateCount, interval);
    }

    private static int count(String queue, String key, Object value) {
        long count;
        if (value instanceof Integer || value instanceof Long) {
            count = ((Number) value).longValue();
        } else if (value instanceof String text && text.trim().matches("-?\\d{1,12}")) {
            count = Long.parseLong(text.trim());
        } else {
            throw new ConfigurationException("option '" + key + "' of queue '" + queue + "' must be a whole number from 1 to "
                    + MOST + ", was '" + value + "'");
        }
        if (count < 1 || count > MOST) {
            throw new ConfigurationException("option '" + key + "' of queue '" + queue + "' must be from 1 to " + MOST + ", was "
                    + value + (count == 0 ? " (leave the option out for no limit)" : ""));
        }
        return (int) count;
    }
}
