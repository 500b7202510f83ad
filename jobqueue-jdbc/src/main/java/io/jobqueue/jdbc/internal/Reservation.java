package io.jobqueue.jdbc.internal;

import io.jobqueue.Message;

/**
 * One reservation as a completion names it: the row id and the epoch the claim gave the row, which
 * is the message's fencing token.
 *
 * @param id    the row id, which is the message id
 * @param epoch the row's epoch when it was claimed
 */
public record Reservation(long id, long epoch) {

    /** The reservation a reserved message names, or null when its id or token is not one of this backend's. */
    static Reservation of(Message message) {
        Long id = MessageIds.parse(message.id());
        Long epoch = MessageIds.parse(message.token());
        return id == null || epoch == null ? null : new Reservation(id, epoch);
    }
}
