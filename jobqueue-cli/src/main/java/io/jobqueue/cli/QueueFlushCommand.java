package io.jobqueue.cli;

import io.jobqueue.Queue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code queue:flush <queue> --force}: deletes every message of the queue; refuses without {@code --force}. */
@Command(name = "queue:flush", description = "Delete every message of a queue (ready, delayed, reserved and failed).")
final class QueueFlushCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Option(names = "--force", description = "really flush")
    boolean force;

    @Override
    public Integer call() {
        if (!force) {
            session().queueSettings(queueName); // an unknown queue is the first thing to say
            throw new CliException("Use the --force flag if you really want to flush queue \"" + queueName
                    + "\" (this will delete all messages from the queue!)");
        }
        Queue queue = queue(queueName);
        session().onBackend("flush", queueName, () -> {
            queue.flush();
            return null;
        });
        session().out().println("Flushed queue \"" + queueName + "\".");
        return JobQueueCli.EXIT_OK;
    }
}
