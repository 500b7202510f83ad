package io.jobqueue.memory;

import io.jobqueue.WorkerHeartbeat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The worker heartbeats of one in-memory queue, expiring on the queue's ticker: a beat counts as
 * gone once its time to live passed, and is dropped by the next call that sees it so. Kept apart from
 * the messages, so a flush leaves them. Thread-safe.
 */
final class MemoryHeartbeats {

    private final LongSupplier ticker;
    private final Clock wallClock;
    private final Map<String, Beat> beats = new LinkedHashMap<>();

    MemoryHeartbeats(LongSupplier ticker, Clock wallClock) {
        this.ticker = ticker;
        this.wallClock = wallClock;
    }

    synchronized void publish(WorkerHeartbeat heartbeat, Duration ttl) {
        long now = ticker.getAsLong();
        beats.put(heartbeat.workerId(), new Beat(heartbeat.withLastSeen(wallClock.instant()), now, now + ttl.toNanos()));
    }

    synchronized boolean remove(String workerId) {
        Beat beat = beats.remove(workerId);
        return beat != null && beat.expiresNanos - ticker.getAsLong() > 0;
    }

    synchronized List<WorkerHeartbeat> list(int limit) {
        long now = ticker.getAsLong();
        List<Beat> live = new ArrayList<>();
        for (Iterator<Beat> it = beats.values().iterator(); it.hasNext(); ) {
            Beat beat = it.next();
            if (beat.expiresNanos - now > 0) {
                live.add(beat);
            } else {
                it.remove();
            }
        }
        live.sort(Comparator.comparingLong((Beat b) -> b.seenNanos).reversed());
        return live.stream().limit(limit).map(Beat::heartbeat).toList();
    }

    private record Beat(WorkerHeartbeat heartbeat, long seenNanos, long expiresNanos) {
    }
}
