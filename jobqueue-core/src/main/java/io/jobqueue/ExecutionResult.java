package io.jobqueue;

/**
 * What became of one reserved message after its job ran: it succeeded (and awaits or got
 * {@code finish}), was released for another try, failed for good and was aborted, or — rarely —
 * was abandoned because its lease was lost.
 *
 * @param message the message as it was reserved
 * @param outcome what happened
 * @param cause   why it failed, or null on success
 * @param release for {@link Outcome#RELEASED}, the options the message is released with (its delay
 *                computed by the retry policy); null for every other outcome, and when not known
 */
public record ExecutionResult(Message message, Outcome outcome, Throwable cause, ReleaseOptions release) {

    /** A result without release options. */
    public ExecutionResult(Message message, Outcome outcome, Throwable cause) {
        this(message, outcome, cause, null);
    }

    /** The three ends of an execution. */
    public enum Outcome {
        /** The job returned true. */
        SUCCEEDED,
        /** The job failed and the message went back to ready for another try. */
        RELEASED,
        /** The job failed for the last time, or could not be read; the message was aborted. */
        FAILED,
        /**
         * The worker lost the message's lease before or while its isolated job ran, so it stopped
         * the job's child (or never started it) and left the message alone: neither finished,
         * released nor aborted. It is someone else's now, or comes back when its lease runs out.
         */
        ABANDONED
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
