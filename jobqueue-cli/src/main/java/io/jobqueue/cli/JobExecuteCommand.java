package io.jobqueue.cli;

import io.jobqueue.IsolatedChildProcess;
import picocli.CommandLine.Command;

/**
 * {@code job:execute}: what an isolated child runs. Reads the request (queue name, merged settings,
 * message) as JSON on stdin, runs the job once in this JVM and exits 0 on success, 1 on failure, 3
 * when the payload is not a job. It never finishes, releases or aborts: the parent does. The
 * request does not go through the settings lookup; {@code --classpath} still adds job classes.
 */
@Command(name = "job:execute", description = "Run one message's job from a request on stdin (what isolated execution runs in the child JVM).",
        footer = {"%nExit codes: 0 the job succeeded, 1 it failed, 3 the payload is not a job."})
final class JobExecuteCommand extends CliCommand {

    @Override
    public Integer call() {
        session().classPath();
        return IsolatedChildProcess.runFromStdin();
    }
}
