package io.jobqueue;

/**
 * A call needs a capability the queue's backend does not declare, for example a delayed submit to
 * a backend without {@link Capability#DELAY}. The message names the backend, the queue and the
 * capability; nothing was changed.
 */
public final class UnsupportedCapabilityException extends UnsupportedOperationException {

    private static final long serialVersionUID = 1L;

    private final String backend;
    private final Capability capability;

    public UnsupportedCapabilityException(String backend, String queueName, Capability capability, String operation) {
        super(operation + " needs capability '" + capability.key() + "' (" + capability.meaning() + "), which backend "
                + backend + " of queue '" + queueName + "' does not have");
        this.backend = backend;
        this.capability = capability;
    }

    /** The backend that lacks the capability. */
    public String backend() {
        return backend;
    }

    /** The capability that was needed. */
    public Capability capability() {
        return capability;
    }
}
