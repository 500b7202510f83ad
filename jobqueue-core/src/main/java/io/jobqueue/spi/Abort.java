package io.jobqueue.spi;

import io.jobqueue.Message;
import java.util.Objects;

/**
 * One reserved message to move to the failed store, with the reason kept beside it.
 *
 * @param message the reserved message (its token names the reservation)
 * @param reason  why it failed; may be empty
 */
public record Abort(Message message, String reason) {

    public Abort {
        Objects.requireNonNull(message, "message");
        reason = reason == null ? "" : reason;
    }
}
