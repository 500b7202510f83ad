package io.jobqueue;

import java.util.Map;
import java.util.Objects;

/**
 * A message as a queue hands it out: the backend's identifier, the opaque UTF-8 payload, its
 * headers, how often it was released and delivered, and the token of this reservation.
 *
 * <p>{@code numberOfReleases} counts the times a job of this message failed and was released
 * (what {@code maximumNumberOfReleases} limits). {@code numberOfDeliveries} counts reservations,
 * this one included; it also grows when a worker died or lost the lease before the message had an
 * outcome, which is not a failure of the job (what {@code maximumNumberOfDeliveries} limits).
 *
 * <p>The {@code token} names this reservation: it changes with every new reservation of the same
 * message, so finish, release, abort and extendLease by a holder whose lease ran out change nothing,
 * even after someone else reserved the message. It is empty for messages that were not reserved
 * (peeked or failed ones).
 *
 * @param id                 identifier chosen by the backend, unique within its queue
 * @param payload            the text the submitter gave, unchanged
 * @param headers            the headers the submitter gave, unchanged (empty when none)
 * @param numberOfReleases   how many times a failed job of it was released
 * @param numberOfDeliveries how many times it was reserved, this reservation included
 * @param token              this reservation's fencing token; empty when not reserved
 */
public record Message(String id, String payload, Map<String, String> headers, int numberOfReleases,
        int numberOfDeliveries, String token) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        headers = headers == null || headers.isEmpty() ? Map.of() : Map.copyOf(headers);
        token = token == null ? "" : token;
        if (numberOfReleases < 0) {
            throw new IllegalArgumentException("numberOfReleases must be >= 0, was " + numberOfReleases);
        }
        if (numberOfDeliveries < 0) {
            throw new IllegalArgumentException("numberOfDeliveries must be >= 0, was " + numberOfDeliveries);
        }
    }

    /** A message without headers that was never released, not reserved. */
    public Message(String id, String payload) {
        this(id, payload, Map.of(), 0, 0, "");
    }

    /** This message without its token, as peek and the failed store show it. */
    public Message withoutToken() {
        return token.isEmpty() ? this : new Message(id, payload, headers, numberOfReleases, numberOfDeliveries, "");
    }

    @Override
    public String toString() {
        return "Message[id=" + id + ", releases=" + numberOfReleases + ", deliveries=" + numberOfDeliveries
                + ", headers=" + headers.keySet() + ", payload=" + payload.length() + " chars]";
    }
}
