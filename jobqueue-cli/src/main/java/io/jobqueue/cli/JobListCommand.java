package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.Job;
import io.jobqueue.JobQueueException;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code job:list <queue> [--limit N]}: the labels of the next ready jobs without reserving them,
 * then "(N omitted) ..." when there are more, and always "(N total)". A payload that is not a job
 * is listed with the reason instead of its label.
 */
@Command(name = "job:list", description = "List the labels of the next ready jobs of a queue (without reserving them).")
final class JobListCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Option(names = "--limit", paramLabel = "N", description = "how many jobs to show (default: ${DEFAULT-VALUE})")
    int limit = 1;

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CliException("--limit must be at least 1, was " + limit, JobQueueCli.EXIT_USAGE, null);
        }
        Queue queue = queue(queueName);
        if (limit > 1) {
            require(Capability.PEEK_MANY, queue, "job:list --limit " + limit);
        }
        List<Message> messages = queue.peek(limit);
        long total = queue.countReady();
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Message message : messages) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", message.id());
            entry.put("label", label(message));
            entry.put("releases", message.numberOfReleases());
            jobs.add(entry);
        }
        long omitted = Math.max(0, total - messages.size());
        Session session = session();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("queue", queueName);
            document.put("jobs", jobs);
            document.put("omitted", omitted);
            document.put("total", total);
            Json.print(session.out(), document);
            return JobQueueCli.EXIT_OK;
        }
        for (Map<String, Object> entry : jobs) {
            session.out().println(entry.get("label"));
        }
        if (omitted > 0) {
            session.out().println("(" + omitted + " omitted) ...");
        }
        session.out().println("(" + total + " total)");
        return JobQueueCli.EXIT_OK;
    }

    private String label(Message message) {
        try {
            Job job = session().jobs().serializer().deserialize(message.payload());
            return job.label();
        } catch (JobQueueException e) {
            return "(message " + message.id() + ": " + e.getMessage() + ")";
        }
    }
}
