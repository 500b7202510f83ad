package io.jobqueue.memory;

import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.spi.FinishedRetention;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The finished and cancelled messages an in-memory queue keeps for its {@link FinishedRetention}, in
 * the order they ended; each add and each lookup first drops those past the age or beyond the count.
 * A reserved message cancelled on a queue without retention is kept apart, as a marker, until its lease
 * would have run out (so its holder learns it was cancelled). Not thread-safe: the backend calls it
 * under its own lock.
 */
final class FinishedHistory {

    private record Kept(Message message, Instant finishedAt, long finishedNanos, boolean cancelled) {
        MessageInfo info() {
            return cancelled ? MessageInfo.cancelled(message, finishedAt) : MessageInfo.finished(message, finishedAt);
        }
    }

    private final FinishedRetention retention;
    private final LongSupplier ticker;
    private final Clock wallClock;
    private final Map<String, Kept> kept = new LinkedHashMap<>();
    /** Cancelled while reserved, without retention: kept until the nanos of the value's finishedNanos. */
    private final Map<String, Kept> markers = new LinkedHashMap<>();

    FinishedHistory(FinishedRetention retention, LongSupplier ticker, Clock wallClock) {
        this.retention = retention;
        this.ticker = ticker;
        this.wallClock = wallClock;
    }

    /** Keeps a message that just finished (without a token), when the retention is on. */
    void add(Message message) {
        if (!retention.isOn()) {
            return;
        }
        kept.put(message.id(), new Kept(message, wallClock.instant(), ticker.getAsLong(), false));
        prune();
    }

    /**
     * Keeps a message just cancelled (without a token): as the retention says, or, when it was
     * reserved ({@code leaseEndNanos} non-zero) on a queue without retention, until that lease end.
     */
    void cancelled(Message message, long leaseEndNanos) {
        if (retention.isOn()) {
            kept.put(message.id(), new Kept(message, wallClock.instant(), ticker.getAsLong(), true));
            prune();
        } else if (leaseEndNanos != 0) {
            markers.put(message.id(), new Kept(message, wallClock.instant(), leaseEndNanos, true));
        }
    }

    /** The kept message with this id, as finished; empty when it is not (or no longer) kept. */
    Optional<MessageInfo> find(String id) {
        prune();
        Kept found = kept.get(id);
        if (found == null) {
            found = markers.get(id);
        }
        return found == null ? Optional.empty() : Optional.of(found.info());
    }

    void clear() {
        kept.clear();
        markers.clear();
    }

    private void prune() {
        long now = ticker.getAsLong();
        markers.values().removeIf(marker -> now - marker.finishedNanos() >= 0);
        Iterator<Kept> eldestFirst = kept.values().iterator();
        while (eldestFirst.hasNext()) {
            Kept eldest = eldestFirst.next();
            boolean tooMany = retention.maxCount() > 0 && kept.size() > retention.maxCount();
            boolean tooOld = retention.maxAge() != null && now - eldest.finishedNanos() >= retention.maxAge().toNanos();
            if (!tooMany && !tooOld) {
                return;
            }
            eldestFirst.remove();
        }
    }
}
