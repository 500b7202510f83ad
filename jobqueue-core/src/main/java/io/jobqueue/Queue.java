package io.jobqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A named queue in some backend: the storage side of the job queue. It knows messages, not jobs.
 *
 * <p>The life of a message: {@code submit} makes it READY (or invisible until its delay passes);
 * {@code waitAndReserve} makes it RESERVED for one caller, for {@link #leaseTimeout()} unless the
 * lease is extended; {@code finish} removes it, {@code release} makes it READY again with one more
 * release, {@code abort} moves it to the failed store. A reservation whose lease runs out goes back
 * to READY with one more release, so a worker that dies loses nothing.
 *
 * <p>Timeouts: {@code null} means the queue's default timeout; {@link Duration#ZERO} means poll
 * once and never wait, on every backend.
 *
 * <p>{@code release}, {@code abort}, {@code finish} and {@code extendLease} of an id that is not
 * currently reserved (unknown, ready, failed, finished, or its lease ran out) change nothing and
 * return {@code false}. Ids are unique within one queue only. A message keeps its id for its whole
 * life, so ids name messages, not
 * reservations: once a message whose lease ran out is reserved again, its id belongs to the new
 * reservation. The {@link Worker} renews leases every third of the lease, so only a holder that
 * stalls longer than a whole lease meets this; its job then ran twice, as at-least-once allows.
 *
 * <p>Implementations are thread-safe. Operations a backend cannot do throw an
 * {@link UnsupportedOperationException} that names the backend and the operation; see
 * {@link #capabilities()}.
 */
public interface Queue extends AutoCloseable {

    /** The queue's name, with the configured {@code queueNamePrefix} already applied. */
    String name();

    /** What this backend can do; callers check it instead of catching exceptions. */
    QueueCapabilities capabilities();

    /** Creates what the backend needs (tables, tubes, streams) and checks the connection. Idempotent; never deletes. */
    void setUp();

    /** Enqueues a payload and returns the new message's id. */
    String submit(String payload, SubmitOptions options);

    /** Enqueues a payload with {@link SubmitOptions#DEFAULT}. */
    default String submit(String payload) {
        return submit(payload, SubmitOptions.DEFAULT);
    }

    /**
     * Enqueues many payloads with the same options and returns their ids in order. Backends that can
     * do it in one round trip override this; the default submits one by one.
     */
    default List<String> submitAll(List<String> payloads, SubmitOptions options) {
        List<String> ids = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            ids.add(submit(payload, options));
        }
        return ids;
    }

    /**
     * Waits for a ready message and removes it at once (at-most-once: a crash after this call loses
     * the message).
     *
     * @param timeout how long to wait; {@code null} for the default timeout, zero to poll once
     */
    Optional<Message> waitAndTake(Duration timeout);

    /**
     * Waits for a ready message and reserves it for the caller, who must later finish, release or
     * abort it (or extend its lease).
     *
     * @param timeout how long to wait; {@code null} for the default timeout, zero to poll once
     */
    Optional<Message> waitAndReserve(Duration timeout);

    /**
     * Waits until at least one message is ready, then reserves up to {@code max} ready messages,
     * oldest first within a priority. Returns an empty list on timeout. Backends that can claim many
     * messages in one round trip override this; the default waits for one and then polls for the rest.
     */
    default List<Message> waitAndReserve(int max, Duration timeout) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        Optional<Message> first = waitAndReserve(timeout);
        if (first.isEmpty()) {
            return List.of();
        }
        List<Message> messages = new ArrayList<>(Math.min(max, 64));
        messages.add(first.get());
        while (messages.size() < max) {
            Optional<Message> next = waitAndReserve(Duration.ZERO);
            if (next.isEmpty()) {
                break;
            }
            messages.add(next.get());
        }
        return messages;
    }

    /**
     * Puts a reserved message back to ready with its release count + 1.
     *
     * @return false when the id was not reserved (nothing changes)
     */
    boolean release(String id, ReleaseOptions options);

    /**
     * Moves a reserved message to the failed store with the reason it failed.
     *
     * @return false when the id was not reserved (nothing changes)
     */
    boolean abort(String id, String reason);

    /** Moves a reserved message to the failed store without a reason. */
    default boolean abort(String id) {
        return abort(id, "");
    }

    /**
     * Removes a reserved message for good.
     *
     * @return false when the id was not reserved (nothing changes)
     */
    boolean finish(String id);

    /**
     * Finishes many reserved messages and returns how many were removed. Backends that can do it in
     * one round trip override this; the default finishes one by one.
     */
    default int finishAll(Collection<String> ids) {
        int finished = 0;
        for (String id : ids) {
            if (finish(id)) {
                finished++;
            }
        }
        return finished;
    }

    /**
     * Renews the lease of a reserved message: it stays reserved for another {@link #leaseTimeout()}
     * from now.
     *
     * @return false when the id is not reserved any more (its lease ran out, or it was finished)
     */
    boolean extendLease(String id);

    /** Renews many leases; returns how many were renewed. The default renews one by one. */
    default int extendLeases(Collection<String> ids) {
        int extended = 0;
        for (String id : ids) {
            if (extendLease(id)) {
                extended++;
            }
        }
        return extended;
    }

    /** How long a reservation lasts without renewal (queue option {@code leaseTimeout}, default 60 s). */
    Duration leaseTimeout();

    /** Up to {@code limit} ready messages, oldest first within a priority, without reserving them. */
    List<Message> peek(int limit);

    /** Messages ready now (delayed messages that are not due yet are not counted). */
    long countReady();

    /** Messages currently reserved. */
    long countReserved();

    /**
     * How long the ready message that has waited longest has been ready (since its submit, its
     * delay passing or its release), for {@code queue:stats}; empty when the queue has no ready
     * message or the backend does not keep that time.
     */
    default Optional<Duration> oldestReadyAge() {
        return Optional.empty();
    }

    /** Messages in the failed store. */
    long countFailed();

    /** Up to {@code limit} failed messages, oldest failure first, with their reasons. */
    List<FailedMessage> listFailed(int limit);

    /**
     * Moves a failed message back to ready with its release count reset to 0.
     *
     * @return false when no failed message has that id
     */
    boolean retryFailed(String id);

    /** Deletes every message of this queue (ready, delayed, reserved and failed), and nothing else. */
    void flush();

    /** Releases connections and threads; idempotent. */
    @Override
    default void close() {
    }
}
