package io.jobqueue.jdbc.internal;

import io.jobqueue.Message;

/**
 * A row as a claim returned it.
 *
 * @param id       the row id, which is the message id
 * @param payload  the payload
 * @param releases how often the message went back to ready
 */
public record ClaimedRow(long id, String payload, int releases) {

    /** The message as the queue hands it out. */
    public Message toMessage() {
        return new Message(Long.toString(id), payload, releases);
    }
}
