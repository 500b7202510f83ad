package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.Queue;
import io.jobqueue.QueueCounts;
import io.jobqueue.QueueSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code queue:list}: every configured queue in the order of the settings with its backend and
 * counts. A queue that cannot be built or counted shows its error in its row and the others still
 * print; the exit code is then 1.
 */
@Command(name = "queue:list", description = "List the configured queues with their ready, reserved and failed counts.")
final class QueueListCommand extends CliCommand {

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
        Session session = session();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean anyError = false;
        for (String name : session.queues().queueNames()) {
            Map<String, Object> row = row(session, name);
            anyError |= row.get("error") != null;
            rows.add(row);
        }
        if (json) {
            Json.print(session.out(), rows);
            return anyError ? JobQueueCli.EXIT_ERROR : JobQueueCli.EXIT_OK;
        }
        if (rows.isEmpty()) {
            session.out().println("No queues configured in " + session.config().source() + ".");
            return JobQueueCli.EXIT_OK;
        }
        Table table = anyError
                ? new Table("Queue", "Backend", "Ready", "Reserved", "Failed", "Error")
                : new Table("Queue", "Backend", "Ready", "Reserved", "Failed");
        for (Map<String, Object> row : rows) {
            table.row(row.get("name"), row.get("backend"), row.get("ready"), row.get("reserved"), row.get("failed"),
                    row.get("error") == null ? "" : row.get("error"));
        }
        table.print(session.out());
        return anyError ? JobQueueCli.EXIT_ERROR : JobQueueCli.EXIT_OK;
    }

    private static Map<String, Object> row(Session session, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("queue", name);
        row.put("name", name);
        row.put("backend", null);
        row.put("ready", null);
        row.put("reserved", null);
        row.put("failed", null);
        row.put("error", null);
        try {
            QueueSettings settings = session.queueSettings(name);
            row.put("name", settings.prefix() + name);
            row.put("backend", settings.className());
            Queue queue = session.queue(name);
            row.put("name", queue.name());
            row.put("backend", queue.capabilities().backend());
            QueueCounts counts = queue.counts();
            row.put("ready", counts.ready());
            row.put("reserved", queue.capabilities().has(Capability.COUNT_RESERVED) ? counts.reserved() : null);
            row.put("failed", queue.capabilities().has(Capability.FAILED_STORE) ? counts.failed() : null);
        } catch (RuntimeException e) {
            row.put("error", Session.describe(e));
        }
        return row;
    }
}
