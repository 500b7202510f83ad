package io.jobqueue.spi;

import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.WorkerHeartbeat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a backend implements: the storage of one queue, batch-first. The core's
 * {@link io.jobqueue.Queue} wraps it and owns everything backends share: the single-item forms, the
 * timeout rule, argument, header and capability checks. Calls reach a backend already checked, so a
 * backend only stores; see {@code docs/spi.md} for the whole contract and
 * {@code io.jobqueue.testkit.QueueConformanceTest} for the tests it must pass.
 *
 * <p>A reservation is named by its message's {@link Message#token() token}: {@code finish},
 * {@code release}, {@code abort} and {@code extendLeases} act only on messages whose token is the
 * one of their current, unexpired reservation, and return the ids they acted on. A lease that runs
 * out puts the message back to ready with its release count unchanged.
 *
 * <p>Implementations are thread-safe; errors of the server are thrown as runtime exceptions (the
 * core retries completions until the lease is about to run out).
 */
public interface QueueBackend extends AutoCloseable {

    /** What this backend can do; constant for the backend's life. */
    QueueCapabilities capabilities();

    /** Creates what the backend needs (tables, tubes, streams) and checks the connection. Idempotent; never deletes. */
    void setUp();

    /**
     * The keys of {@link io.jobqueue.SubmitOptions#extras()} this backend reads (Beanstalkd's
     * {@code ttr}), besides the {@code delay} and {@code priority} every backend takes. The core's
     * {@link io.jobqueue.Queue} refuses a submit with any other extra, naming it, before the backend
     * is called; the default is none.
     */
    default Set<String> submitExtras() {
        return Set.of();
    }

    /** Stores the messages (non-empty, already checked) and returns their new ids in order. */
    List<String> submit(List<NewMessage> messages);

    /**
     * Stores the messages like {@link #submit}, except that a message with a unique key
     * ({@link NewMessage#uniqueKey()}) is stored only when no message of this queue holds that key:
     * one submitted with it whose {@link io.jobqueue.UniqueScope scope} has not ended (ready or delayed
     * for {@code queued}; ready, delayed or reserved for {@code active}; up to its period after its
     * submit for a period, whatever its state). Otherwise nothing is stored and the result is a
     * duplicate with the holder's id. The check and the store are one atomic step in the backend
     * (a unique index, a script), so two processes submitting one key at once store one message. A
     * message later in the batch with an earlier one's key is a duplicate of it. Called only when
     * the backend declares {@link io.jobqueue.Capability#UNIQUE} and the messages have a unique key.
     *
     * @return for each message in order, its new id or the holder's id as a duplicate
     */
    default List<io.jobqueue.Submitted> submitUnique(List<NewMessage> messages) {
        throw new UnsupportedOperationException("submitUnique() is not implemented by " + getClass().getName());
    }

    /**
     * The id of the message that holds this unique key now (see {@link #submitUnique}), empty when none
     * does. Called only when the backend declares {@link io.jobqueue.Capability#UNIQUE}.
     */
    default Optional<String> findUnique(String uniqueKey) {
        throw new UnsupportedOperationException("findUnique() is not implemented by " + getClass().getName());
    }

    /**
     * Reserves up to {@code max} (at least 1) ready messages, oldest first within a priority, waiting
     * up to {@code timeout} (never null; {@link Duration#ZERO} polls once) for the first. Each has
     * one more delivery and a fresh token. Returns an empty list on timeout or when the thread is
     * interrupted (with its flag set again).
     *
     * <p>A backend that declares {@link io.jobqueue.Capability#CONCURRENCY_LIMIT} or
     * {@link io.jobqueue.Capability#RATE_LIMIT} and was given {@link QueueContext#limits()} enforces them
     * here, across all processes: it skips a ready message whose concurrency key already has the limit's
     * count of reserved messages (a lease that ran out no longer counts) and takes the next one, and it
     * reserves no more than the rate's count in each window of the rate's length (windows follow one
     * another on the backend's clock; a sliding window is stricter and allowed), returning fewer than
     * {@code max}, or none, until the next window; a reserve that waits wakes for the next window.
     */
    List<Message> reserve(int max, Duration timeout);

    /** Removes reserved messages for good; returns the ids that were removed. */
    Set<String> finish(List<Message> messages);

    /**
     * Puts reserved messages back to ready after {@code options.delay()}, with its priority when
     * given, and one more release when {@code options.attempt()}; returns the ids released.
     */
    Set<String> release(List<Message> messages, ReleaseOptions options);

    /** Moves reserved messages to the failed store with their reasons; returns the ids moved. */
    Set<String> abort(List<Abort> aborts);

    /** Renews the leases of reserved messages for another lease time from now; returns the ids renewed. */
    Set<String> extendLeases(List<Message> messages);

    /** Up to {@code limit} (at least 1) ready messages in reserve order, without reserving them. */
    List<Message> peek(int limit);

    /** The counts of this queue, in as few round trips as the backend can. */
    QueueCounts counts();

    /** Up to {@code limit} failed messages, oldest failure first, with their reasons. */
    List<FailedMessage> listFailed(int limit);

    /**
     * Up to {@code limit} (at least 1) delayed messages that are not due yet, soonest due first (then
     * oldest first), each with its due time and without a token; changes nothing (a due message is
     * not moved, so it is not listed either). Called only when the backend declares
     * {@link io.jobqueue.Capability#LIST_DELAYED}.
     */
    List<DelayedMessage> listDelayed(int limit);

    /**
     * The message with this id and its state: ready, delayed (with its due time), reserved (with the
     * end of its lease) or failed (with its reason), without a token, on the backend's clock; changes
     * nothing. Empty for an id this queue does not hold now: unknown, finished, of another queue, or
     * malformed (not an id this backend ever gives, {@code ""} included), never an exception for
     * those, and a malformed id reaches no server. A due delayed message and a reservation whose lease
     * ran out are ready. Called only when the backend declares {@link io.jobqueue.Capability#FIND_BY_ID}.
     */
    Optional<MessageInfo> find(String id);

    /**
     * Stores the worker's heartbeat (replacing its earlier one, matched by worker id) with its
     * {@code lastSeen} on the backend's clock; it is listed until {@code ttl} (positive) after this call
     * unless published again, then it counts as gone, whether or not it was deleted yet. Called only
     * when the backend declares {@link io.jobqueue.Capability#WORKER_HEARTBEATS}.
     */
    void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl);

    /**
     * Deletes the heartbeat of this worker id (a valid id, see {@link WorkerHeartbeat#isValidId});
     * false when there was none live. Called only with {@link io.jobqueue.Capability#WORKER_HEARTBEATS}.
     */
    boolean removeHeartbeat(String workerId);

    /**
     * Up to {@code limit} (at least 1) live heartbeats kept where this backend keeps them (see
     * {@link #heartbeatLocation()}), of any worker and any queue there, the most recently seen first,
     * never an expired one. Called only with {@link io.jobqueue.Capability#WORKER_HEARTBEATS}.
     */
    List<WorkerHeartbeat> listHeartbeats(int limit);

    /**
     * Where this backend keeps heartbeats, without credentials: two backends of one class that return
     * the same text share them, so a worker on several of their queues publishes there once. By default
     * each backend instance is a place of its own.
     */
    default String heartbeatLocation() {
        return getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(this));
    }

    /**
     * Cancels the ready, delayed and reserved messages with these ids (non-empty, none blank): each is
     * never delivered again. A ready or delayed one leaves the queue at once; a reserved one is taken
     * from its holder, whose next {@code extendLeases}, {@code finish}, {@code release} and
     * {@code abort} of it then act on nothing. Each is kept as {@link io.jobqueue.MessageState#CANCELLED}
     * for {@code find} like a finished message when the queue keeps finished messages (pruned with
     * them); without that, a reserved one is still kept as cancelled until at least its lease would
     * have run out, so that its holder can tell a cancel from a lost lease, and a ready or delayed one
     * is deleted. Unknown, malformed, failed, finished, already cancelled and other queues' ids are
     * left out of the ids returned. Called only when the backend declares
     * {@link io.jobqueue.Capability#CANCEL}.
     *
     * @return the ids cancelled by this call
     */
    default Set<String> cancel(List<String> ids) {
        throw new UnsupportedOperationException("cancel() is not implemented by " + getClass().getName());
    }

    /** Moves a failed message back to ready with its release and delivery counts reset; false when there is none with that id. */
    boolean retryFailed(String id);

    /** Deletes a failed message for good; false when there is none with that id. */
    boolean deleteFailed(String id);

    /** Deletes every message of this queue (ready, delayed, reserved and failed), and nothing else. */
    void flush();

    /** Releases connections and threads; idempotent. */
    @Override
    default void close() {
    }
}
