package io.jobqueue.micrometer.internal;

import io.jobqueue.Capability;
import io.jobqueue.ConfigurationException;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import io.jobqueue.QueueManager;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges of one queue's counts ({@code jobqueue.queue.messages} by state, and the age of the
 * oldest ready message), all over one {@link CountsSnapshot}. A state the backend cannot count (its
 * capabilities lack {@link Capability#COUNT_DELAYED} or {@link Capability#FAILED_STORE}) gets no
 * gauge rather than a constant zero.
 */
public final class QueueGauges {

    private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);

    /** One text for every state: Prometheus shows one help line per name. */
    private static final String STATES_DESCRIPTION = "messages of the queue by state (ready, delayed, reserved, failed),"
            + " as the backend counted them at the last read";

    private QueueGauges() {
    }

    /**
     * Registers the gauges of a configured queue. The queue is built on the first read (by the
     * first scrape), unless its capabilities cannot be known otherwise.
     *
     * @throws ConfigurationException for an unknown queue
     */
    public static void register(OwnedMeters meters, QueueManager queueManager, String queueName, Clock clock, Duration interval) {
        queueManager.getQueueSettings(queueName);
        Optional<QueueCapabilities> capabilities = capabilities(queueManager, queueName);
        CountsSnapshot snapshot = new CountsSnapshot(queueName, () -> queueManager.getQueue(queueName).counts(), clock, interval);
        Tags queue = Tags.of(MeterNames.TAG_QUEUE, queueName);
        state(meters, snapshot, queue, "ready", QueueCounts::ready);
        if (capabilities.map(c -> c.has(Capability.COUNT_DELAYED)).orElse(true)) {
            state(meters, snapshot, queue, "delayed", QueueCounts::delayed);
        }
        state(meters, snapshot, queue, "reserved", QueueCounts::reserved);
        if (capabilities.map(c -> c.has(Capability.FAILED_STORE)).orElse(true)) {
            state(meters, snapshot, queue, "failed", QueueCounts::failed);
        }
        if (capabilities.map(c -> c.has(Capability.OLDEST_READY_AGE)).orElse(false)) {
            meters.add(TimeGauge.builder(MeterNames.QUEUE_OLDEST_READY_AGE, snapshot, TimeUnit.MILLISECONDS, oldestReadyMillis())
                    .tags(queue).strongReference(true)
                    .description("how long the ready message that waited longest has been ready; 0 when none is ready")
                    .register(meters.registry()));
        }
    }

    private static void state(OwnedMeters meters, CountsSnapshot snapshot, Tags queue, String state,
            ToLongFunction<QueueCounts> count) {
        meters.add(Gauge.builder(MeterNames.QUEUE_MESSAGES, snapshot, s -> value(s, count))
                .tags(queue).tag(MeterNames.TAG_STATE, state).baseUnit(MeterNames.BASE_UNIT_MESSAGES)
                .strongReference(true).description(STATES_DESCRIPTION)
                .register(meters.registry()));
    }

    private static double value(CountsSnapshot snapshot, ToLongFunction<QueueCounts> count) {
        QueueCounts counts = snapshot.counts();
        return counts == null ? Double.NaN : count.applyAsLong(counts);
    }

    private static ToDoubleFunction<CountsSnapshot> oldestReadyMillis() {
        return snapshot -> {
            QueueCounts counts = snapshot.counts();
            return counts == null ? Double.NaN : counts.oldestReady().map(Duration::toMillis).orElse(0L);
        };
    }

    /** What the queue's backend can do: from its settings, else from the built queue; empty when neither can tell. */
    private static Optional<QueueCapabilities> capabilities(QueueManager queueManager, String queueName) {
        Optional<QueueCapabilities> fromSettings = queueManager.capabilities(queueName);
        if (fromSettings.isPresent()) {
            return fromSettings;
        }
        try {
            return Optional.of(queueManager.getQueue(queueName).capabilities());
        } catch (ConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Could not build queue {} to learn its capabilities; registering every state gauge: {}", queueName, e.toString());
            return Optional.empty();
        }
    }
}
