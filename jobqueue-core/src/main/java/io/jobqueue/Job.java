package io.jobqueue;

/**
 * A unit of work that travels as a message. The job manager serializes it to JSON with Jackson
 * (fields, any visibility; a no-argument constructor of any visibility, a record, or a
 * {@code @JsonCreator} constructor), so keep in it only what the work needs to be redone elsewhere.
 *
 * <p>Returning false or throwing anything ({@link Error}s included) counts as a failure: the
 * message is released for another try while its release count is below the queue's
 * {@code maximumNumberOfReleases}, else aborted, with the throwable's class and message as the
 * reason; each retry waits as the queue's {@link RetryPolicy} says (exponential backoff by default),
 * or the job class's own ({@link #retryPolicy()}). A job that calls {@code System.exit} ends the worker's JVM (use {@code executeIsolated}).
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

    /**
     * How long this job may run, instead of its queue's {@code timeout}; null (the default) for the
     * queue's. Past it the job's thread is interrupted and the attempt fails with the reason
     * {@code timed out after 30 s} (released or aborted like any failure); a job that ignores the
     * interrupt runs on, but what it returns is discarded. Read once the job is read from its
     * message, and measured from the start of the execution; must be positive. Not read for
     * {@code executeIsolated} queues, whose worker does not read the job: the queue's applies.
     */
    default java.time.Duration timeout() {
        return null;
    }

    /**
     * How long this job waits after a failure before its next try, instead of its queue's policy
     * (from the queue's {@code releaseOptions}); null (the default) for the queue's. How many
     * tries there are stays the queue's {@code maximumNumberOfReleases}. Read after the failure,
     * on the job object that ran; not read for {@code executeIsolated} queues, whose worker does not
     * read the job.
     *
     * <pre>{@code
     * public RetryPolicy retryPolicy() {   // in a job class: its own backoff
     *     return RetryPolicy.exponential(Duration.ofSeconds(10), 3, Duration.ofHours(1), 0.5);
     * }
     * }</pre>
     */
    default RetryPolicy retryPolicy() {
        return null;
    }
}
