package io.jobqueue.cli;

import io.jobqueue.Queue;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** What every command shares: the run's {@link Session}, reached through the root command. */
abstract class CliCommand implements Callable<Integer> {

    @ParentCommand
    JobQueueCli root;

    Session session() {
        return root.session();
    }

    /** The queue with that configured name; an unknown name fails with a suggestion. See {@link Session#queue}. */
    Queue queue(String name) {
        return session().queue(name);
    }

    /** Fails with "… is not supported by <backend>" when the queue lacks a capability. */
    static void require(boolean capability, Queue queue, String operation) {
        if (!capability) {
            throw new CliException(queue.capabilities().unsupported(queue.name(), operation).getMessage());
        }
    }
}
