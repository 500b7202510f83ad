package io.jobqueue;

import java.time.Instant;
import java.util.Objects;

/**
 * A message that was aborted and is kept in the queue's failed store, with why it failed.
 *
 * @param message  the message as it was when it was aborted
 * @param reason   the failure reason given to {@link Queue#abort(String, String)}; may be empty
 * @param failedAt when it was aborted, or {@code null} when the backend does not record it
 */
public record FailedMessage(Message message, String reason, Instant failedAt) {

    public FailedMessage {
        Objects.requireNonNull(message, "message");
        reason = reason == null ? "" : reason;
    }
}
