package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.DelayedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code job:list <queue> [--limit N]}: the labels of the next ready jobs without reserving them,
 * then "(N omitted) ..." when there are more, and always "(N total)"; then, when there are delayed
 * messages, the soonest due of them with their due time. A payload that is not a job is listed
 * with the reason instead of its label. Read-only: a queue that is not set up is reported, not created.
 */
@Command(name = "job:list", description = "List the next ready jobs of a queue, then its delayed ones with their due time"
        + " (without reserving them).")
final class JobListCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Option(names = "--limit", paramLabel = "N", description = "how many ready jobs, and how many delayed ones, to show"
            + " (default: ${DEFAULT-VALUE})")
    int limit = 1;

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CliException("--limit must be at least 1, was " + limit, JobQueueCli.EXIT_USAGE, null);
        }
        Queue queue = queueToRead(queueName);
        if (limit > 1) {
            require(Capability.PEEK_MANY, queue, "job:list --limit " + limit);
        }
        List<Message> messages = read(queueName, () -> queue.peek(limit));
        QueueCounts counts = read(queueName, queue::counts);
        long total = counts.ready();
        Long delayedTotal = queue.capabilities().has(Capability.COUNT_DELAYED) ? counts.delayed() : null;
        boolean listsDelayed = queue.capabilities().has(Capability.LIST_DELAYED);
        List<DelayedMessage> delayed = listsDelayed && (delayedTotal == null || delayedTotal > 0)
                ? read(queueName, () -> queue.listDelayed(limit)) : List.of();
        long omitted = Math.max(0, total - messages.size());
        Session session = session();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("queue", queueName);
            document.put("jobs", messages.stream().map(m -> entry(m, null)).toList());
            document.put("omitted", omitted);
            document.put("total", total);
            document.put("delayed", listsDelayed ? delayed.stream().map(d -> entry(d.message(), d)).toList() : null);
            document.put("delayedTotal", delayedTotal);
            Json.print(session.out(), document);
            return JobQueueCli.EXIT_OK;
        }
        for (Message message : messages) {
            session.out().println(label(message));
        }
        if (omitted > 0) {
            session.out().println("(" + omitted + " omitted) ...");
        }
        session.out().println("(" + total + " total)");
        printDelayed(session, queue, delayed, delayedTotal, listsDelayed);
        return JobQueueCli.EXIT_OK;
    }

    private void printDelayed(Session session, Queue queue, List<DelayedMessage> delayed, Long delayedTotal, boolean listsDelayed) {
        if (!listsDelayed) {
            if (delayedTotal == null || delayedTotal > 0) {
                session.out().println("delayed messages: " + (delayedTotal == null ? "" : delayedTotal + ", ")
                        + "not listed by " + queue.capabilities().backend());
            }
            return;
        }
        if (delayed.isEmpty()) {
            return;
        }
        Table table = new Table("Due at", "Delayed job");
        for (DelayedMessage message : delayed) {
            table.row(message.dueAt().toString(), label(message.message()));
        }
        table.print(session.out());
        long shown = delayed.size();
        long all = delayedTotal == null ? shown : Math.max(shown, delayedTotal);
        if (all > shown) {
            session.out().println("(" + (all - shown) + " omitted) ...");
        }
        session.out().println("(" + all + " delayed)");
    }

    private Map<String, Object> entry(Message message, DelayedMessage delayed) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", message.id());
        entry.put("label", label(message));
        entry.put("releases", message.numberOfReleases());
        if (delayed != null) {
            entry.put("dueAt", delayed.dueAt().toString());
        }
        return entry;
    }
}
