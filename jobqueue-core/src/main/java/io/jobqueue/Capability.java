package io.jobqueue;

/**
 * One thing a backend may or may not do. A backend declares its set in {@link QueueCapabilities};
 * the {@link Queue} refuses a call that needs a capability the backend lacks with an
 * {@link UnsupportedCapabilityException}, and the conformance suite skips what is not declared.
 */
public enum Capability {

    /** {@code waitAndReserve}, finish, release and abort work (the fake backend lacks it). */
    RESERVE("reserve", "waitAndReserve, release, abort and finish"),
    /** Submit and release honour a delay. */
    DELAY("delay", "submit and release honour a delay"),
    /** Submit and release honour a priority. */
    PRIORITY("priority", "submit and release honour a priority"),
    /** Reserving many messages takes one round trip. */
    BATCH_RESERVE("batchReserve", "claiming many messages in one round trip"),
    /** A waiting reserver is woken by a submit from another process without polling. */
    PUSH_WAKE_UP("pushWakeUp", "a waiting reserver is woken by another process's submit without polling"),
    /** {@code peek} accepts a limit above 1. */
    PEEK_MANY("peekMany", "peek with a limit above 1"),
    /** The reserved count is exact. */
    COUNT_RESERVED("countReserved", "an exact count of reserved messages"),
    /** Delayed messages that are not due yet are counted. */
    COUNT_DELAYED("countDelayed", "a count of delayed messages"),
    /** Reservations expire unless renewed, and come back to ready. */
    LEASES("leases", "reservations that expire unless renewed"),
    /** Aborted messages are kept with their reason, listable, retryable and deletable. */
    FAILED_STORE("failedStore", "keeping, listing, retrying and deleting aborted messages"),
    /** Messages carry a map of string headers. */
    HEADERS("headers", "string headers on every message"),
    /** Queues of this backend are seen by other processes (false for the in-memory queue). */
    CROSS_PROCESS("crossProcess", "messages seen by workers in other processes"),
    /** Delayed messages that are not due yet are listed with their due time ({@code listDelayed}). */
    LIST_DELAYED("listDelayed", "listing delayed messages with their due time"),
    /** {@link QueueCounts#oldestReadyAge()} is filled whenever a message is ready. */
    OLDEST_READY_AGE("oldestReadyAge", "the age of the oldest ready message in the counts"),
    /** One message is found by its id with its state ({@code find}): ready, delayed, reserved or failed. */
    FIND_BY_ID("findById", "finding one message and its state by id"),
    /** Workers publish heartbeats that expire by themselves, and the live ones are listed ({@code listHeartbeats}). */
    WORKER_HEARTBEATS("workerHeartbeats", "publishing and listing the heartbeats of live workers"),
    /**
     * Finished messages are kept for the queue's {@code retainFinished} (by age and/or count), found by
     * id as {@link MessageState#FINISHED}, and pruned by the backend itself.
     */
    RETAIN_FINISHED("retainFinished", "keeping finished messages for a while (option retainFinished), found by id"),
    /**
     * A ready, delayed or reserved message is cancelled by id ({@code cancel}): never delivered again,
     * its holder's next lease renewal fails and {@code find} reports it {@link MessageState#CANCELLED}
     * while the queue keeps it.
     */
    CANCEL("cancel", "cancelling a ready, delayed or reserved message by id"),
    /**
     * A submit with a unique key ({@link SubmitOptions#withUniqueKey}) stores nothing while a message
     * with that key is in its {@link UniqueScope}, atomically in the backend, and returns that
     * message's id ({@code submitUnique}).
     */
    UNIQUE("unique", "unique keys on submit, a duplicate returning the existing message's id"),
    /**
     * Option {@code concurrencyLimit: N}: at most N reserved messages per concurrency key
     * ({@link SubmitOptions#withConcurrencyKey}) at once, enforced by the backend at reservation.
     */
    CONCURRENCY_LIMIT("concurrencyLimit", "at most N messages reserved at once per concurrency key (option concurrencyLimit)"),
    /** Option {@code rateLimit}: at most N reservations per interval across all workers, enforced by the backend. */
    RATE_LIMIT("rateLimit", "at most N reservations per interval across all workers (option rateLimit)");

    private final String key;
    private final String meaning;

    Capability(String key, String meaning) {
        this.key = key;
        this.meaning = meaning;
    }

    /** The name used in messages and by {@code queue:describe}, e.g. {@code peekMany}. */
    public String key() {
        return key;
    }

    /** What the capability means, in a few words. */
    public String meaning() {
        return meaning;
    }
}
