package io.jobqueue.internal;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.MessageState;
import io.jobqueue.Queue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases a worker holds, per queue: renews them in one call per queue ({@link #renew()}, every
 * third of the lease) and finds out when one is lost — the backend no longer holds that reservation
 * (its token) for this worker, or renewals failed for longer than the lease ({@link #expire()}). A
 * lost lease is reported once to the {@link Loss} callback, unless its job already ended. When a
 * renewal was refused and the queue can cancel and find messages, the keeper asks whether the message
 * was cancelled ({@link MessageState#CANCELLED}) and marks it so before it reports the loss.
 * Thread-safe.
 */
public final class LeaseKeeper {

    /** Told once per message whose lease was lost while the worker held it. */
    public interface Loss {
        void lost(String queueName, Queue queue, HeldMessage message, String why);
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    /** "Held until" for a queue without leases: far away, yet far from overflowing the clock's arithmetic. */
    private static final long NO_LEASE_NANOS = Long.MAX_VALUE / 4;

    private final Map<String, Queue> queues;
    private final Map<String, Map<String, HeldMessage>> held = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final Loss loss;

    /**
     * @param queues   the worker's queues by configured name
     * @param nanoTime the clock, {@code System::nanoTime} but in tests
     */
    public LeaseKeeper(Map<String, Queue> queues, LongSupplier nanoTime, Loss loss) {
        this.queues = Map.copyOf(queues);
        this.nanoTime = nanoTime;
        this.loss = loss;
        for (String name : queues.keySet()) {
            held.put(name, new ConcurrentHashMap<>());
        }
    }

    /** The clock this keeper measures with. */
    public long now() {
        return nanoTime.getAsLong();
    }

    /**
     * Holds a message just reserved.
     *
     * @param requestedAtNanos {@link #now()} before the reserve request was sent
     */
    public HeldMessage hold(String queueName, Message message, long requestedAtNanos) {
        Queue queue = queues.get(queueName);
        long leaseNanos = queue.capabilities().has(Capability.LEASES) ? queue.leaseTimeout().toNanos() : NO_LEASE_NANOS;
        HeldMessage heldMessage = new HeldMessage(message, leaseNanos, requestedAtNanos);
        held.get(queueName).put(message.id(), heldMessage);
        return heldMessage;
    }

    /** Forgets a message that was finished, released, aborted or left alone. */
    public void forget(String queueName, String id) {
        held.get(queueName).remove(id);
    }

    /**
     * Forgets this holding of a message, and only this one: when the message was reserved again
     * meanwhile (a job that timed out was released while its thread ran on), the new holding stays.
     */
    public void forget(String queueName, HeldMessage message) {
        held.get(queueName).remove(message.id(), message);
    }

    /** The messages held now for one queue. */
    public Collection<HeldMessage> heldFor(String queueName) {
        return List.copyOf(held.get(queueName).values());
    }

    /** Renews the leases of every held message of the queues that have leases. */
    public void renew() {
        for (Map.Entry<String, Queue> entry : queues.entrySet()) {
            if (entry.getValue().capabilities().has(Capability.LEASES)) {
                renew(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Reports every held message whose lease ran out on this JVM's clock without a renewal. */
    public void expire() {
        long now = now();
        for (Map.Entry<String, Queue> entry : queues.entrySet()) {
            if (!entry.getValue().capabilities().has(Capability.LEASES)) {
                continue;
            }
            for (HeldMessage message : held.get(entry.getKey()).values()) {
                if (now - message.heldUntilNanos() > 0) {
                    lose(entry.getKey(), entry.getValue(), message, "its lease ran out on this worker's clock: renewals failed for longer than the lease");
                }
            }
        }
    }

    private void renew(String name, Queue queue) {
        List<HeldMessage> messages = new ArrayList<>(held.get(name).values());
        if (messages.isEmpty()) {
            return;
        }
        List<Message> reserved = new ArrayList<>(messages.size());
        for (HeldMessage message : messages) {
            reserved.add(message.message());
        }
        long sentAt = now();
        Set<String> renewed;
        try {
            renewed = queue.extendLeases(reserved);
        } catch (RuntimeException e) {
            LOG.warn("Renewing {} leases of queue {} failed: {}", reserved.size(), queue.name(), e.toString());
            expire();
            return;
        }
        for (HeldMessage message : messages) {
            if (renewed.contains(message.id())) {
                message.renewed(sentAt);
            } else if (held.get(name).get(message.id()) == message) {
                if (wasCancelled(queue, message)) {
                    message.markCancelled();
                    lose(name, queue, message, "the message was cancelled");
                } else {
                    lose(name, queue, message, "the backend no longer holds its reservation for this worker");
                }
            }
        }
    }

    /** One {@code find} for a refused renewal, on a queue that can cancel; false when it cannot tell. */
    private static boolean wasCancelled(Queue queue, HeldMessage message) {
        if (message.ended() || !queue.capabilities().has(Capability.CANCEL) || !queue.capabilities().has(Capability.FIND_BY_ID)) {
            return false;
        }
        try {
            return queue.find(message.id()).map(MessageInfo::state).orElse(null) == MessageState.CANCELLED;
        } catch (RuntimeException e) {
            LOG.warn("Finding message {} of queue {} after its renewal was refused failed: {}", message.id(), queue.name(),
                    e.toString());
            return false;
        }
    }

    private void lose(String name, Queue queue, HeldMessage message, String why) {
        if (message.ended() || !message.markLost()) {
            return;
        }
        loss.lost(name, queue, message, why);
    }
}
