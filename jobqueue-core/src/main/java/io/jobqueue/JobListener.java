package io.jobqueue;

import java.util.Map;

/**
 * Hears every move of a message through the job manager: the original's signals. All methods are
 * no-op defaults, so new events break no listener.
 *
 * <p>Methods run on the thread that made the move (a worker thread, or the caller of
 * {@link JobManager#queue}); keep them short. An exception thrown by a listener is logged and
 * never breaks the worker or the move. Release and abort happen <em>before</em> the listener is
 * told, and the message passed carries the release count it had when it was reserved.
 */
public interface JobListener {

    /** A job was submitted to {@code queue} as {@code messageId}. */
    default void messageSubmitted(Queue queue, String messageId, String payload, SubmitOptions options) {
    }

    /** A wait for a message ended without one. */
    default void messageTimeout(Queue queue) {
    }

    /** A message was reserved and is about to run. */
    default void messageReserved(Queue queue, Message message) {
    }

    /** A message's job succeeded and the message was finished. */
    default void messageFinished(Queue queue, Message message) {
    }

    /** A message's job failed and the message was released for another try. */
    default void messageReleased(Queue queue, Message message, ReleaseOptions releaseOptions, Throwable cause) {
    }

    /** A message's job failed for the last time (or could not be read) and the message was aborted. */
    default void messageFailed(Queue queue, Message message, Throwable cause) {
    }
}
