package io.jobqueue.jdbc.internal;

import io.jobqueue.Message;

/**
 * A row as a claim returned it.
 *
 * @param id          the row id
 * @param payload     the payload
 * @param releases    how often the message went back to ready
 * @param reservation how often the row has been claimed, this claim included
 */
public record ClaimedRow(long id, String payload, int releases, int reservation) {

    /** The message as the queue hands it out, under the id of this reservation. */
    public Message toMessage() {
        return new Message(ReservationIds.format(id, reservation), payload, releases);
    }
}
