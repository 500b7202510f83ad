package io.jobqueue;

/**
 * Where a message stands in its queue, as {@link Queue#find(String)} reports it in a
 * {@link MessageInfo}.
 *
 * <p>A finished message is deleted, so it is not found at all: no backend of this release keeps a
 * history of finished messages. This enum may gain values in a minor release (for backends that
 * will retain history); a {@code switch} over it should have a {@code default} branch.
 */
public enum MessageState {

    /** Ready to be reserved now; also a delayed message that is due, and a reservation whose lease ran out. */
    READY,
    /** Submitted or released with a delay that has not passed yet; {@link MessageInfo#dueAt()} says when it will. */
    DELAYED,
    /** Reserved by a worker under a lease that has not run out; {@link MessageInfo#reservedUntil()} says until when. */
    RESERVED,
    /** Aborted and kept in the failed store; {@link MessageInfo#failureReason()} says why. */
    FAILED
}
