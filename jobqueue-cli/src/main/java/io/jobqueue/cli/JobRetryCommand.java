package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.FailedMessage;
import io.jobqueue.Queue;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code job:retry <queue> (<id>… | --all)}: moves failed messages back to ready with their release
 * count reset. An id that is not a failed message of the queue is reported and makes the exit code 1;
 * the other ids are still retried.
 */
@Command(name = "job:retry", description = "Move failed messages back to ready (release count reset to 0).")
final class JobRetryCommand extends CliCommand {

    private static final int BATCH = 500;

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Parameters(index = "1..*", paramLabel = "<id>", description = "ids of failed messages (see job:failed)")
    List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "retry every failed message of the queue")
    boolean all;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (all == !ids.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    all ? "give either message ids or --all, not both" : "give the ids of failed messages, or --all");
        }
        Queue queue = queue(queueName);
        require(Capability.FAILED_STORE, queue, "job:retry");
        Session session = session();
        if (all) {
            long retried = session.onBackend("retry the failed messages of", queueName, () -> retryAll(queue));
            session.out().println("Retried " + retried + " failed message" + (retried == 1 ? "" : "s")
                    + " of queue \"" + queueName + "\".");
            return JobQueueCli.EXIT_OK;
        }
        List<String> missing = new ArrayList<>();
        long retried = 0;
        for (String id : ids) {
            if (session.onBackend("retry the failed messages of", queueName, () -> queue.retryFailed(id))) {
                retried++;
            } else {
                missing.add(id);
            }
        }
        session.out().println("Retried " + retried + " failed message" + (retried == 1 ? "" : "s")
                + " of queue \"" + queueName + "\".");
        if (!missing.isEmpty()) {
            throw new CliException("no failed message with ID " + String.join(", ", missing.stream()
                    .map(id -> "\"" + id + "\"").toList()) + " in queue \"" + queueName + "\" (see 'jobqueue job:failed "
                    + queueName + "')");
        }
        return JobQueueCli.EXIT_OK;
    }

    /** Retries what failed before this call; messages that fail again meanwhile are left for the next call. */
    private static long retryAll(Queue queue) {
        long retried = 0;
        long failedAtStart = queue.countFailed();
        while (retried < failedAtStart) {
            List<FailedMessage> batch = queue.listFailed(BATCH);
            long before = retried;
            for (FailedMessage failed : batch) {
                if (queue.retryFailed(failed.message().id())) {
                    retried++;
                }
            }
            if (batch.size() < BATCH || retried == before) {
                break;
            }
        }
        return retried;
    }
}
