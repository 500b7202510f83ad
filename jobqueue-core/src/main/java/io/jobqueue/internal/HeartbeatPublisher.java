package io.jobqueue.internal;

import io.jobqueue.Queue;
import io.jobqueue.WorkerHeartbeat;
import io.jobqueue.WorkerStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one worker's heartbeat into each place that keeps heartbeats (one queue per place, see
 * {@link Queue#heartbeatLocation()}), on the worker's heartbeat thread, and removes them when the
 * worker stops. Never fails the worker: a publish that fails is logged once per outage of its place
 * (at WARN; at INFO when it works again) and tried again at the next beat. Thread-safe.
 */
public final class HeartbeatPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final String workerId;
    private final String host;
    private final long pid;
    private final List<String> queueNames;
    private final int concurrency;
    private final List<Queue> places;
    private final Duration ttl;
    private final Clock clock;
    private final Supplier<WorkerStats> stats;
    private final IntSupplier running;
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private volatile Instant startedAt;

    /**
     * @param places one queue of each place that keeps heartbeats
     * @param ttl    how long a beat stays listed without the next one
     */
    public HeartbeatPublisher(String workerId, String host, long pid, List<String> queueNames, int concurrency,
            List<Queue> places, Duration ttl, Clock clock, Supplier<WorkerStats> stats, IntSupplier running) {
        this.workerId = workerId;
        this.host = host;
        this.pid = pid;
        this.queueNames = List.copyOf(queueNames);
        this.concurrency = concurrency;
        this.places = List.copyOf(places);
        this.ttl = ttl;
        this.clock = clock;
        this.stats = stats;
        this.running = running;
    }

    /** Whether there is anywhere to publish. */
    public boolean hasPlaces() {
        return !places.isEmpty();
    }

    /** Marks the start of the worker (the {@code startedAt} of every beat). */
    public void started() {
        startedAt = clock.instant();
    }

    /** The beat as it stands now. */
    public WorkerHeartbeat current() {
        WorkerStats now = stats.get();
        Instant time = clock.instant();
        return new WorkerHeartbeat(workerId, host, pid, queueNames, concurrency, running.getAsInt(), now.executed(),
                now.succeeded(), now.released(), now.failed(), startedAt == null ? time : startedAt, time);
    }

    /** Publishes the current beat into every place, one after the other; nothing it meets is thrown. */
    public void beat() {
        WorkerHeartbeat heartbeat;
        try {
            heartbeat = current();
        } catch (RuntimeException e) {
            LOG.warn("Worker {} could not put its heartbeat together; trying again at the next beat", workerId, e);
            return;
        }
        for (Queue place : places) {
            try {
                place.publishHeartbeat(heartbeat, ttl);
                if (failing.remove(place.heartbeatLocation()) != null) {
                    LOG.info("Worker {} publishes its heartbeat into {} (queue {}) again", workerId, place.capabilities().backend(),
                            place.name());
                }
            } catch (RuntimeException e) {
                if (failing.putIfAbsent(place.heartbeatLocation(), Boolean.TRUE) == null) {
                    LOG.warn("Worker {} could not publish its heartbeat through queue {}; trying again every beat until it"
                            + " works (the worker runs on): {}", workerId, place.name(), e.toString());
                }
            }
        }
    }

    /** Removes the beat from every place (a graceful stop); a place that fails keeps it until its ttl runs out. */
    public void remove() {
        for (Queue place : places) {
            try {
                place.removeHeartbeat(workerId);
            } catch (RuntimeException e) {
                LOG.warn("Worker {} could not remove its heartbeat through queue {}; it disappears within {}: {}", workerId,
                        place.name(), ttl, e.toString());
            }
        }
    }
}
