package io.jobqueue.jdbc.internal;

import io.jobqueue.Message;
import io.jobqueue.spi.Headers;

/**
 * A row as a claim returned it, with the counts and epoch the claim gave it.
 *
 * @param id         the row id, which is the message id
 * @param payload    the payload
 * @param headers    the headers as stored (JSON), or null
 * @param releases   how often a failed job of the message was released
 * @param deliveries how often it was reserved, this claim included
 * @param epoch      the epoch of this claim, which is the reservation's token
 */
public record ClaimedRow(long id, String payload, String headers, int releases, int deliveries, long epoch) {

    /** The message as the queue hands it out, with this claim's token. */
    public Message toMessage() {
        return new Message(Long.toString(id), payload, Headers.decode(headers), releases, deliveries, Long.toString(epoch));
    }
}
