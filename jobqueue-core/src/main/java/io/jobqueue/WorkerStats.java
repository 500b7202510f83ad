package io.jobqueue;

/**
 * Counts of a worker run so far, or at its end.
 *
 * @param executed  jobs that ran to an end (succeeded + released + failed, plus the rare isolated job
 *                  abandoned because the worker lost its lease, see {@link ExecutionResult.Outcome#ABANDONED});
 *                  what {@code limit} counts
 * @param succeeded jobs that returned true
 * @param released  jobs that failed and were released for another try
 * @param failed    jobs that failed for good and were aborted
 * @param stopReason why the worker stopped, or null while it runs
 */
public record WorkerStats(long executed, long succeeded, long released, long failed, StopReason stopReason) {

    /** Why a worker stopped. */
    public enum StopReason {
        /** {@code limit} jobs were executed. */
        LIMIT,
        /** {@code exitAfter} passed. */
        EXIT_AFTER,
        /** {@link Worker#stop()} was called, or SIGTERM/SIGINT arrived. */
        STOPPED
    }
}
