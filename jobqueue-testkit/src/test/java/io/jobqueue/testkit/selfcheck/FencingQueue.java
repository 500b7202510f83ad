package io.jobqueue.testkit.selfcheck;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Gives every reservation its own id, {@code <message id>~<n>}, and refuses a move made with any
 * but the latest one, so a holder whose lease ran out cannot touch the next reservation. It shows
 * that the suite's stale-holder test can be passed; the bookkeeping is not atomic with the
 * delegate, so it is a test double for one-thread lease tests, not a product.
 */
final class FencingQueue extends ForwardingQueue {

    private final Map<String, String> latestReservation = new ConcurrentHashMap<>();
    private final AtomicLong reservations = new AtomicLong();

    FencingQueue(Queue delegate) {
        super(delegate);
    }

    @Override
    public Optional<Message> waitAndReserve(Duration timeout) {
        return delegate.waitAndReserve(timeout).map(this::fence);
    }

    @Override
    public List<Message> waitAndReserve(int max, Duration timeout) {
        return delegate.waitAndReserve(max, timeout).stream().map(this::fence).toList();
    }

    @Override
    public boolean release(String id, ReleaseOptions options) {
        return ending(id, messageId -> delegate.release(messageId, options));
    }

    @Override
    public boolean abort(String id, String reason) {
        return ending(id, messageId -> delegate.abort(messageId, reason));
    }

    @Override
    public boolean finish(String id) {
        return ending(id, delegate::finish);
    }

    @Override
    public boolean extendLease(String id) {
        String messageId = unfence(id);
        return messageId != null && delegate.extendLease(messageId);
    }

    private Message fence(Message message) {
        String reservationId = message.id() + "~" + reservations.incrementAndGet();
        latestReservation.put(message.id(), reservationId);
        return new Message(reservationId, message.payload(), message.numberOfReleases());
    }

    /** The message id when {@code reservationId} is the message's latest reservation, else null. */
    private String unfence(String reservationId) {
        int separator = reservationId.lastIndexOf('~');
        if (separator < 0) {
            return null;
        }
        String messageId = reservationId.substring(0, separator);
        return reservationId.equals(latestReservation.get(messageId)) ? messageId : null;
    }

    private boolean ending(String reservationId, Predicate<String> move) {
        String messageId = unfence(reservationId);
        if (messageId == null || !move.test(messageId)) {
            return false;
        }
        latestReservation.remove(messageId, reservationId);
        return true;
    }
}
