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
 * The finished messages an in-memory queue keeps for its {@link FinishedRetention}, in the order
 * they finished; each add and each lookup first drops those past the age or beyond the count. Not
 * thread-safe: the backend calls it under its own lock.
 */
final class FinishedHistory {

    private record Kept(Message message, Instant finishedAt, long finishedNanos) {
    }

    private final FinishedRetention retention;
    private final LongSupplier ticker;
    private final Clock wallClock;
    private final Map<String, Kept> kept = new LinkedHashMap<>();

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
        kept.put(message.id(), new Kept(message, wallClock.instant(), ticker.getAsLong()));
        prune();
    }

    /** The kept message with this id, as finished; empty when it is not (or no longer) kept. */
    Optional<MessageInfo> find(String id) {
        prune();
        Kept found = kept.get(id);
        return found == null ? Optional.empty() : Optional.of(MessageInfo.finished(found.message(), found.finishedAt()));
    }

    void clear() {
        kept.clear();
    }

    private void prune() {
        long now = ticker.getAsLong();
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
