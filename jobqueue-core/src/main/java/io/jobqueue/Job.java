package io.jobqueue;

/**
 * A unit of work that travels as a message. The job manager serializes it to JSON with Jackson
 * (fields, any visibility; a no-argument constructor of any visibility, a record, or a
 * {@code @JsonCreator} constructor), so keep in it only what the work needs to be redone elsewhere.
 *
 * <p>Returning false or throwing anything ({@link Error}s included) counts as a failure: the
 * message is released for another try while its release count is below the queue's
 * {@code maximumNumberOfReleases}, else aborted, with the throwable's class and message as the
 * reason. A job that calls {@code System.exit} ends the worker's JVM (use {@code executeIsolated}).
 * A job may run more than once (at-least-once delivery), so make it idempotent.
 */
public interface Job {

    /**
     * Does the work.
     *
     * @param queue   the queue the message came from
     * @param message the message, e.g. to read {@link Message#numberOfReleases()}
     * @return true on success
     */
    boolean execute(Queue queue, Message message) throws Exception;

    /** An optional identifier of this job (null when it has none). */
    default String identifier() {
        return null;
    }

    /** A short human-readable label, shown by {@code job:list}. Defaults to the class's simple name. */
    default String label() {
        return getClass().getSimpleName();
    }
}
