package io.jobqueue;

import java.time.Instant;
import java.util.Objects;

/**
 * One message found by its id ({@link Queue#find(String)}): its state and the message itself (without
 * a token, whatever its state), with the time that goes with the state. Times are on the backend's
 * clock (the database's or the server's), as in {@link DelayedMessage} and {@link FailedMessage}.
 *
 * @param message       the message as it is now: payload, headers, releases and deliveries, no token
 * @param state         where it stands
 * @param dueAt         when a {@link MessageState#DELAYED} message becomes ready; null in every other state
 * @param reservedUntil when the lease of a {@link MessageState#RESERVED} message runs out unless renewed;
 *                      null in every other state
 * @param failureReason why a {@link MessageState#FAILED} message failed ({@code ""} when no reason was
 *                      given); {@code ""} in every other state
 * @param failedAt      when a failed message was aborted, or null when the backend does not record it;
 *                      null in every other state
 * @param finishedAt    when a {@link MessageState#FINISHED} message was finished, or a
 *                      {@link MessageState#CANCELLED} one cancelled (when it ended); null in every other state
 */
public record MessageInfo(Message message, MessageState state, Instant dueAt, Instant reservedUntil,
        String failureReason, Instant failedAt, Instant finishedAt) {

    public MessageInfo {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(state, "state");
        message = message.withoutToken();
        failureReason = failureReason == null ? "" : failureReason;
        if ((state == MessageState.DELAYED) != (dueAt != null)) {
            throw new IllegalArgumentException("dueAt is for a delayed message only, and a delayed message needs one; state "
                    + state + ", dueAt " + dueAt);
        }
        if ((state == MessageState.RESERVED) != (reservedUntil != null)) {
            throw new IllegalArgumentException("reservedUntil is for a reserved message only, and a reserved message needs"
                    + " one; state " + state + ", reservedUntil " + reservedUntil);
        }
        if (state != MessageState.FAILED && (!failureReason.isEmpty() || failedAt != null)) {
            throw new IllegalArgumentException("failureReason and failedAt are for a failed message only; state " + state);
        }
        if ((state == MessageState.FINISHED || state == MessageState.CANCELLED) != (finishedAt != null)) {
            throw new IllegalArgumentException("finishedAt is for a finished or cancelled message only, and those need one;"
                    + " state " + state + ", finishedAt " + finishedAt);
        }
    }

    /** A message in a state other than finished. */
    public MessageInfo(Message message, MessageState state, Instant dueAt, Instant reservedUntil, String failureReason,
            Instant failedAt) {
        this(message, state, dueAt, reservedUntil, failureReason, failedAt, null);
    }

    /** A message that is ready now. */
    public static MessageInfo ready(Message message) {
        return new MessageInfo(message, MessageState.READY, null, null, "", null);
    }

    /** A message whose delay has not passed, due at {@code dueAt}. */
    public static MessageInfo delayed(Message message, Instant dueAt) {
        return new MessageInfo(message, MessageState.DELAYED, Objects.requireNonNull(dueAt, "dueAt"), null, "", null);
    }

    /** A message reserved under a lease that runs out at {@code reservedUntil}. */
    public static MessageInfo reserved(Message message, Instant reservedUntil) {
        return new MessageInfo(message, MessageState.RESERVED, null, Objects.requireNonNull(reservedUntil, "reservedUntil"),
                "", null);
    }

    /** A message in the failed store, with its reason and, when the backend records it, when it failed. */
    public static MessageInfo failed(Message message, String reason, Instant failedAt) {
        return new MessageInfo(message, MessageState.FAILED, null, null, reason, failedAt);
    }

    /** A finished message its queue still keeps, finished at {@code finishedAt}. */
    public static MessageInfo finished(Message message, Instant finishedAt) {
        return new MessageInfo(message, MessageState.FINISHED, null, null, "", null,
                Objects.requireNonNull(finishedAt, "finishedAt"));
    }

    /** A cancelled message its queue still keeps, cancelled at {@code cancelledAt} (told as {@link #finishedAt()}). */
    public static MessageInfo cancelled(Message message, Instant cancelledAt) {
        return new MessageInfo(message, MessageState.CANCELLED, null, null, "", null,
                Objects.requireNonNull(cancelledAt, "cancelledAt"));
    }

    /** A failed message as the failed store lists it. */
    public static MessageInfo failed(FailedMessage failed) {
        return failed(failed.message(), failed.reason(), failed.failedAt());
    }
}
