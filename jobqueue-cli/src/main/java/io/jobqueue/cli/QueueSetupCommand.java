package io.jobqueue.cli;

import io.jobqueue.Queue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code queue:setup <queue>}: creates what the backend needs (tables, streams) and checks the
 * connection. Safe to repeat. A failure is one line and exit 1.
 */
@Command(name = "queue:setup", description = "Set up a queue in its backend (tables, streams, …) and check the connection.")
final class QueueSetupCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Override
    public Integer call() {
        Queue queue = queue(queueName);
        try {
            queue.setUp();
        } catch (RuntimeException e) {
            throw new CliException("An error occurred while trying to setup queue \"" + queueName + "\": "
                    + Session.describe(e), e);
        }
        session().out().println("Queue \"" + queueName + "\" has been initialized successfully.");
        return JobQueueCli.EXIT_OK;
    }
}
