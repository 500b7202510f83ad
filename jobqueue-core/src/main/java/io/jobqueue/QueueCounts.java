package io.jobqueue;

import java.time.Duration;
import java.util.Optional;

/**
 * How many messages a queue holds, read in one call.
 *
 * @param ready          ready now (delayed messages that are not due yet are not counted)
 * @param delayed        delayed and not due yet; 0 when the backend lacks {@link Capability#COUNT_DELAYED}
 * @param reserved       reserved by some worker; approximate unless {@link Capability#COUNT_RESERVED}
 * @param failed         in the failed store; 0 without {@link Capability#FAILED_STORE}
 * @param oldestReadyAge how long the ready message that waited longest has been ready (since it became
 *                       due), or null when no message is ready or the backend does not keep that time;
 *                       a backend fills it exactly when it declares {@link Capability#OLDEST_READY_AGE}
 */
public record QueueCounts(long ready, long delayed, long reserved, long failed, Duration oldestReadyAge) {

    /** Nothing in the queue. */
    public static final QueueCounts EMPTY = new QueueCounts(0, 0, 0, 0, null);

    public QueueCounts {
        if (ready < 0 || delayed < 0 || reserved < 0 || failed < 0) {
            throw new IllegalArgumentException("counts must not be negative: ready " + ready + ", delayed " + delayed
                    + ", reserved " + reserved + ", failed " + failed);
        }
    }

    /** Counts without an age. */
    public QueueCounts(long ready, long delayed, long reserved, long failed) {
        this(ready, delayed, reserved, failed, null);
    }

    /** {@link #oldestReadyAge}, when known. */
    public Optional<Duration> oldestReady() {
        return Optional.ofNullable(oldestReadyAge);
    }
}
