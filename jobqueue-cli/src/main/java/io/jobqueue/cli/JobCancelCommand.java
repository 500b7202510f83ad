package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.MessageInfo;
import io.jobqueue.MessageState;
import io.jobqueue.Queue;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code job:cancel <queue> <id>}: cancels a ready, delayed or running message; a worker running its
 * job learns it at its next lease renewal and interrupts it. An id that is not cancelled (unknown,
 * malformed, another queue's, failed, finished, cancelled already) is one line saying which, exit
 * code 2; a backend that cannot cancel says so, exit code 1.
 */
@Command(name = "job:cancel", description = "Cancel a ready, delayed or running message of a queue by its id; a running"
        + " job is interrupted at its worker's next lease renewal and not retried.")
final class JobCancelCommand extends CliCommand {

    /** Ids longer than this are cut in the error line, so a pasted blob does not flood the terminal. */
    private static final int SHOWN_ID_LENGTH = 80;

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Parameters(index = "1", paramLabel = "<id>", description = "the message id (as job:list --json, job:show or a submit"
            + " shows it)")
    String id;

    @Override
    public Integer call() {
        Queue queue = queue(queueName);
        require(Capability.CANCEL, queue, "job:cancel");
        Session session = session();
        boolean cancelled = !id.isBlank() && session.onBackend("cancel a message of", queueName, () -> queue.cancel(id));
        if (cancelled) {
            session.out().println("cancelled message '" + id + "' of queue '" + queueName + "'");
            return JobQueueCli.EXIT_OK;
        }
        throw new CliException(whyNot(queue), JobQueueCli.EXIT_USAGE, null);
    }

    /** Why the id was not cancelled, as far as the backend can tell. */
    private String whyNot(Queue queue) {
        Optional<MessageInfo> found = id.isBlank() || !queue.capabilities().has(Capability.FIND_BY_ID) ? Optional.empty()
                : read(queueName, () -> queue.find(id));
        String message = "message '" + shown(id) + "' of queue '" + queueName + "'";
        MessageState state = found.map(MessageInfo::state).orElse(null);
        if (state == MessageState.FAILED) {
            return message + " has failed, so it is not cancelled (see 'jobqueue job:failed " + queueName + "')";
        }
        if (state == MessageState.FINISHED) {
            return message + " has finished, so it is not cancelled";
        }
        if (state == MessageState.CANCELLED) {
            return message + " was cancelled already";
        }
        return "no message '" + shown(id) + "' in queue '" + queueName + "' to cancel (unknown, finished, or another queue's)";
    }

    private static String shown(String text) {
        String line = JobQueueCli.oneLine(text);
        return line.length() <= SHOWN_ID_LENGTH ? line : line.substring(0, SHOWN_ID_LENGTH) + "… (" + text.length()
                + " characters)";
    }
}
