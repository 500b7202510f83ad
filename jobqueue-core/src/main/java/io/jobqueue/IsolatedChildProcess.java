package io.jobqueue;

import io.jobqueue.internal.IsolatedChild;

/**
 * The child side of isolated execution ({@code executeIsolated: true}): reads the request the
 * worker wrote on stdin, runs that one job, writes its answer and returns the exit code. What the
 * CLI's {@code job:execute} runs; applications do not call it.
 */
public final class IsolatedChildProcess {

    private IsolatedChildProcess() {
    }

    /** Runs the job of the request on stdin; returns the process exit code. */
    public static int runFromStdin() {
        return IsolatedChild.runFromStdin();
    }
}
