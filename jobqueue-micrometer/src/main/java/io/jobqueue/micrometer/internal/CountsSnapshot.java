package io.jobqueue.micrometer.internal;

import io.jobqueue.QueueCounts;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counts of one queue as its gauges see them: read from the backend at most once per interval,
 * however many gauges and scrapes ask, on the thread of the first that asks after the interval
 * (the others wait for that read rather than start their own).
 *
 * <p>A read that fails keeps the last counts (none before the first success: the gauges show NaN),
 * is not retried before the interval has passed again, and is logged once per outage, at WARN; the
 * first success after it is logged at INFO. Nothing is thrown at the registry. Thread-safe.
 */
final class CountsSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(CountsSnapshot.class);

    private final String queueName;
    private final Supplier<QueueCounts> reader;
    private final Clock clock;
    private final long intervalNanos;

    private QueueCounts last;
    private boolean read;
    private long readAt;
    private boolean failing;

    /**
     * @param reader   reads the counts from the backend; may throw
     * @param clock    the registry's clock, whose monotonic time measures the interval
     * @param interval the least time between two reads; positive
     */
    CountsSnapshot(String queueName, Supplier<QueueCounts> reader, Clock clock, Duration interval) {
        this.queueName = queueName;
        this.reader = reader;
        this.clock = clock;
        this.intervalNanos = interval.toNanos();
    }

    /** The counts, read now if the last read is an interval old; null when no read has succeeded yet. */
    synchronized QueueCounts counts() {
        long now = clock.monotonicTime();
        if (!read || now - readAt >= intervalNanos) {
            read = true;
            readAt = now;
            refresh();
        }
        return last;
    }

    private void refresh() {
        try {
            last = reader.get();
            if (failing) {
                failing = false;
                LOG.info("The counts of queue {} are readable again; its gauges are current", queueName);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Reading the counts of queue {} failed; its gauges keep their last values and the read is tried"
                        + " again every {} ms until it succeeds: {}", queueName, intervalNanos / 1_000_000, e.toString());
            }
        }
    }
}
