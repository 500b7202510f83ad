package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.Job;
import io.jobqueue.JobQueueException;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.UnsupportedCapabilityException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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

    /** The queue for a command that only reads it: never set up, nothing created. See {@link Session#queueToRead}. */
    Queue queueToRead(String name) {
        return session().queueToRead(name);
    }

    /** Runs a read on a queue's backend; a backend failure says "cannot read queue 'x' at …: …" (exit code 3). */
    <T> T read(String queueName, Supplier<T> call) {
        return session().onBackend("read", queueName, call);
    }

    /**
     * A message's job label, read from its payload with the job serializer, as {@code job:list} and
     * {@code job:show} show it; a payload that is not a job gives "(message &lt;id&gt;: &lt;why&gt;)".
     */
    String label(Message message) {
        try {
            Job job = session().jobs().serializer().deserialize(message.payload());
            return job.label();
        } catch (JobQueueException e) {
            return "(message " + message.id() + ": " + e.getMessage() + ")";
        }
    }

    /** "not supported by beanstalkd": what the CLI prints for a figure or list the backend cannot give. */
    static String notSupported(Queue queue) {
        return "not supported by " + queue.capabilities().backend();
    }

    /** Fails with "… needs capability … which backend … does not have" when the queue lacks the capability. */
    static void require(Capability capability, Queue queue, String operation) {
        if (!queue.capabilities().has(capability)) {
            throw new CliException(new UnsupportedCapabilityException(queue.capabilities().backend(), queue.name(), capability,
                    operation).getMessage());
        }
    }
}
