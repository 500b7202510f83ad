package io.jobqueue;

/**
 * Where a message stands in its queue, as {@link Queue#find(String)} reports it in a
 * {@link MessageInfo}.
 *
 * <p>A finished message is deleted, so it is not found at all, unless its queue keeps finished
 * messages (option {@code retainFinished}, on a backend with
 * {@link Capability#RETAIN_FINISHED}): then it is {@link #FINISHED} until the retention removes it.
 * This enum may gain values in a minor release; a {@code switch} over it should have a
 * {@code default} branch.
 */
public enum MessageState {

    /** Ready to be reserved now; also a delayed message that is due, and a reservation whose lease ran out. */
    READY,
    /** Submitted or released with a delay that has not passed yet; {@link MessageInfo#dueAt()} says when it will. */
    DELAYED,
    /** Reserved by a worker under a lease that has not run out; {@link MessageInfo#reservedUntil()} says until when. */
    RESERVED,
    /** Aborted and kept in the failed store; {@link MessageInfo#failureReason()} says why. */
    FAILED,
    /** Finished, and kept because the queue retains finished messages; {@link MessageInfo#finishedAt()} says when. */
    FINISHED,
    /**
     * Cancelled ({@link Queue#cancel(String)}) while it was ready, delayed or reserved: it is never
     * delivered again, and kept like a finished message (option {@code retainFinished}) or, when it
     * was reserved, at least until its holder's lease would have run out, so that the holder learns it;
     * {@link MessageInfo#finishedAt()} says when it was cancelled.
     */
    CANCELLED
}
