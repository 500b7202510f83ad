package io.jobqueue;

/**
 * What became of one reserved message after its job ran: it succeeded (and awaits or got
 * {@code finish}), was released for another try, or failed for good and was aborted.
 *
 * @param message the message as it was reserved
 * @param outcome what happened
 * @param cause   why it failed, or null on success
 */
public record ExecutionResult(Message message, Outcome outcome, Throwable cause) {

    /** The three ends of an execution. */
    public enum Outcome {
        /** The job returned true. */
        SUCCEEDED,
        /** The job failed and the message went back to ready for another try. */
        RELEASED,
        /** The job failed for the last time, or could not be read; the message was aborted. */
        FAILED
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
