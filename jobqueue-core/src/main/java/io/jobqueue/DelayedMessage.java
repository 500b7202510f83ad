package io.jobqueue;

import java.time.Instant;
import java.util.Objects;

/**
 * A message that was submitted or released with a delay and is not due yet, with when it will be.
 *
 * @param message the message as it waits (no token: it is not reserved)
 * @param dueAt   when it becomes ready, on the backend's clock (the database's or the server's)
 */
public record DelayedMessage(Message message, Instant dueAt) {

    public DelayedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
