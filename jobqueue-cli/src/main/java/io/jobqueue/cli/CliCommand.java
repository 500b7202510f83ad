package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.Queue;
import io.jobqueue.UnsupportedCapabilityException;
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

    /** Fails with "… needs capability … which backend … does not have" when the queue lacks the capability. */
    static void require(Capability capability, Queue queue, String operation) {
        if (!queue.capabilities().has(capability)) {
            throw new CliException(new UnsupportedCapabilityException(queue.capabilities().backend(), queue.name(), capability,
                    operation).getMessage());
        }
    }
}
