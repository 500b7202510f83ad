package io.jobqueue.cli;

import io.jobqueue.ExecutionResult;
import io.jobqueue.JobManager;
import io.jobqueue.JobExecutionException;
import io.jobqueue.JobListener;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import java.util.Map;

/**
 * Prints what {@code job:work} did, in the original's words: every failure ("Job execution for job
 * (…) failed (n/m trials) - RELEASE"), and with {@code --verbose} the reason and every success
 * ("Successfully executed job "id" (payload…)"), and after a release with a delay, when the next
 * try is due ("Next try in 1.9 s"). Runs on the worker's threads; lines go through
 * the {@link StatusLine} so they never mix with it.
 */
final class WorkReporter implements JobListener {

    private static final int PAYLOAD_PREVIEW = 50;

    private final JobManager jobs;
    private final Map<String, String> configuredNames;
    private final boolean verbose;
    private final StatusLine lines;

    /** @param configuredNames the configured queue name of each backend queue name */
    WorkReporter(JobManager jobs, Map<String, String> configuredNames, boolean verbose, StatusLine lines) {
        this.jobs = jobs;
        this.configuredNames = Map.copyOf(configuredNames);
        this.verbose = verbose;
        this.lines = lines;
    }

    @Override
    public void messageFinished(Queue queue, Message message) {
        if (verbose) {
            lines.println("Successfully executed job \"" + message.id() + "\" (" + preview(message.payload()) + ")");
        }
    }

    @Override
    public void messageReleased(Queue queue, Message message, ReleaseOptions releaseOptions, Throwable cause) {
        failure(queue, new ExecutionResult(message, ExecutionResult.Outcome.RELEASED, cause, releaseOptions));
    }

    @Override
    public void messageFailed(Queue queue, Message message, Throwable cause) {
        failure(queue, new ExecutionResult(message, ExecutionResult.Outcome.FAILED, cause));
    }

    private void failure(Queue queue, ExecutionResult result) {
        String name = configuredNames.getOrDefault(queue.name(), queue.name());
        int maximumReleases = jobs.queueManager().getQueueSettings(name).maximumNumberOfReleasesOrDefault();
        String text = JobExecutionException.of(queue.name(), result.message(), maximumReleases,
                result.outcome() == ExecutionResult.Outcome.RELEASED, result.cause()).getMessage();
        Throwable cause = result.cause();
        if (verbose && cause != null) {
            String reason = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
            text += System.lineSeparator() + "Reason: " + JobQueueCli.oneLine(reason);
        }
        if (verbose && result.release() != null && !result.release().delay().isZero()) {
            text += System.lineSeparator() + "Next try in " + Durations.human(result.release().delay());
        }
        lines.println(text);
    }

    static String preview(String payload) {
        return payload.length() <= PAYLOAD_PREVIEW ? payload : payload.substring(0, PAYLOAD_PREVIEW) + "...";
    }
}
