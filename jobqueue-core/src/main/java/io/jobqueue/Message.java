package io.jobqueue;

import java.util.Objects;

/**
 * A message as a queue stores it: the backend's identifier, an opaque UTF-8 payload and how often
 * the message was released (0 on first delivery; a lease that ran out counts as a release).
 *
 * @param id               identifier chosen by the backend, unique within its queue
 * @param payload          the text the submitter gave, unchanged
 * @param numberOfReleases how many times the message went back to ready after a reservation
 */
public record Message(String id, String payload, int numberOfReleases) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        if (numberOfReleases < 0) {
            throw new IllegalArgumentException("numberOfReleases must be >= 0, was " + numberOfReleases);
        }
    }

    /** A message seen for the first time. */
    public Message(String id, String payload) {
        this(id, payload, 0);
    }
}
