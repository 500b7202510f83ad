package io.jobqueue;

/**
 * What a backend can do, declared by the backend rather than discovered by trial: the conformance
 * suite skips what a backend lacks (printing the reason) and the CLI prints "not supported by ...".
 *
 * @param backend        short backend name used in messages, e.g. {@code memory}, {@code jdbc}
 * @param reserve        waitAndReserve/release/abort/finish work (false for the fake queue)
 * @param delay          submit and release honour a delay
 * @param priority       submit and release honour a priority
 * @param batchReserve   {@link Queue#waitAndReserve(int, java.time.Duration)} claims many in one round trip
 * @param pushWakeUp     a waiting reserver is woken by a submit from another process without polling
 * @param peekMany       {@link Queue#peek(int)} accepts a limit above 1
 * @param countReserved  {@link Queue#countReserved()} is exact
 * @param leases         reservations expire and come back when not renewed
 * @param failedStore    aborted messages are kept, listable and retryable
 */
public record QueueCapabilities(
        String backend,
        boolean reserve,
        boolean delay,
        boolean priority,
        boolean batchReserve,
        boolean pushWakeUp,
        boolean peekMany,
        boolean countReserved,
        boolean leases,
        boolean failedStore) {

    /** Everything supported; backends switch off what they lack with the {@code without…} methods. */
    public static QueueCapabilities all(String backend) {
        return new QueueCapabilities(backend, true, true, true, true, true, true, true, true, true);
    }

    public QueueCapabilities withoutReserve() {
        return new QueueCapabilities(backend, false, delay, priority, batchReserve, pushWakeUp, peekMany, countReserved, leases, failedStore);
    }

    public QueueCapabilities withoutDelay() {
        return new QueueCapabilities(backend, reserve, false, priority, batchReserve, pushWakeUp, peekMany, countReserved, leases, failedStore);
    }

    public QueueCapabilities withoutPriority() {
        return new QueueCapabilities(backend, reserve, delay, false, batchReserve, pushWakeUp, peekMany, countReserved, leases, failedStore);
    }

    public QueueCapabilities withoutBatchReserve() {
        return new QueueCapabilities(backend, reserve, delay, priority, false, pushWakeUp, peekMany, countReserved, leases, failedStore);
    }

    public QueueCapabilities withoutPushWakeUp() {
        return new QueueCapabilities(backend, reserve, delay, priority, batchReserve, false, peekMany, countReserved, leases, failedStore);
    }

    public QueueCapabilities withoutPeekMany() {
        return new QueueCapabilities(backend, reserve, delay, priority, batchReserve, pushWakeUp, false, countReserved, leases, failedStore);
    }

    public QueueCapabilities withoutCountReserved() {
        return new QueueCapabilities(backend, reserve, delay, priority, batchReserve, pushWakeUp, peekMany, false, leases, failedStore);
    }

    public QueueCapabilities withoutLeases() {
        return new QueueCapabilities(backend, reserve, delay, priority, batchReserve, pushWakeUp, peekMany, countReserved, false, failedStore);
    }

    public QueueCapabilities withoutFailedStore() {
        return new QueueCapabilities(backend, reserve, delay, priority, batchReserve, pushWakeUp, peekMany, countReserved, leases, false);
    }

    /** The exception to throw for an operation this backend lacks; it names backend, queue and operation. */
    public UnsupportedOperationException unsupported(String queueName, String operation) {
        return new UnsupportedOperationException(
                operation + " is not supported by " + backend + " (queue '" + queueName + "')");
    }
}
