package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.FailedMessage;
import io.jobqueue.Job;
import io.jobqueue.JobQueueException;
import io.jobqueue.Queue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code job:failed <queue>}: the failed messages, oldest failure first, with their reasons. */
@Command(name = "job:failed", description = "List a queue's failed messages with the reason they failed.")
final class JobFailedCommand extends CliCommand {

    private static final int REASON_WIDTH = 100;

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Option(names = "--limit", paramLabel = "N", description = "how many to show (default: ${DEFAULT-VALUE})")
    int limit = 20;

    @Option(names = "--json", description = "print JSON for scripts (full reasons and payloads)")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CliException("--limit must be at least 1, was " + limit, JobQueueCli.EXIT_USAGE, null);
        }
        Queue queue = queueToRead(queueName);
        require(Capability.FAILED_STORE, queue, "job:failed");
        List<FailedMessage> failed = read(queueName, () -> queue.listFailed(limit));
        long total = read(queueName, queue::countFailed);
        long omitted = Math.max(0, total - failed.size());
        Session session = session();
        if (json) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (FailedMessage f : failed) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", f.message().id());
                entry.put("label", label(f));
                entry.put("releases", f.message().numberOfReleases());
                entry.put("failedAt", f.failedAt() == null ? null : f.failedAt().toString());
                entry.put("reason", f.reason());
                entry.put("payload", f.message().payload());
                entries.add(entry);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("queue", queueName);
            document.put("failed", entries);
            document.put("omitted", omitted);
            document.put("total", total);
            Json.print(session.out(), document);
            return JobQueueCli.EXIT_OK;
        }
        if (failed.isEmpty()) {
            session.out().println("No failed messages in queue \"" + queueName + "\".");
            return JobQueueCli.EXIT_OK;
        }
        Table table = new Table("ID", "Job", "Releases", "Failed at", "Reason");
        for (FailedMessage f : failed) {
            table.row(f.message().id(), label(f), f.message().numberOfReleases(),
                    f.failedAt() == null ? null : f.failedAt().toString(), abbreviate(f.reason()));
        }
        table.print(session.out());
        if (omitted > 0) {
            session.out().println("(" + omitted + " omitted) ...");
        }
        session.out().println("(" + total + " total)");
        return JobQueueCli.EXIT_OK;
    }

    private String label(FailedMessage failed) {
        try {
            Job job = session().jobs().serializer().deserialize(failed.message().payload());
            return job.label();
        } catch (JobQueueException e) {
            return "(unreadable)";
        }
    }

    private static String abbreviate(String reason) {
        String line = JobQueueCli.oneLine(reason);
        return line.length() <= REASON_WIDTH ? line : line.substring(0, REASON_WIDTH - 1) + "…";
    }
}
