package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.Queue;
import io.jobqueue.QueueCounts;
import io.jobqueue.QueueNotSetUpException;
import io.jobqueue.QueueSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code queue:list}: every configured queue in the order of the settings, by the name the other
 * commands take, with its backend, counts and its name in the backend. Read-only: a queue whose
 * embedded database does not exist shows "not set up" and nothing is created. A queue that cannot
 * be built or counted shows its error in its row and the others still print; the exit code is then 1.
 */
@Command(name = "queue:list", description = "List the configured queues with their ready, delayed, reserved and failed counts.")
final class QueueListCommand extends CliCommand {

    static final String OK = "ok";
    static final String NOT_SET_UP = "not set up";
    static final String ERROR = "error";

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
        Session session = session();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean anyError = false;
        boolean anyNote = false;
        for (String name : session.queues().queueNames()) {
            Map<String, Object> row = row(session, name);
            anyError |= ERROR.equals(row.get("status"));
            anyNote |= !OK.equals(row.get("status"));
            rows.add(row);
        }
        int exitCode = anyError ? JobQueueCli.EXIT_ERROR : JobQueueCli.EXIT_OK;
        if (json) {
            Json.print(session.out(), rows);
            return exitCode;
        }
        if (rows.isEmpty()) {
            session.out().println("No queues configured in " + session.config().source() + ".");
            return JobQueueCli.EXIT_OK;
        }
        List<String> headers = new ArrayList<>(List.of("Queue", "Backend", "Ready", "Delayed", "Reserved", "Failed", "Name in backend"));
        if (anyNote) {
            headers.add("Status");
        }
        Table table = new Table(headers.toArray(String[]::new));
        for (Map<String, Object> row : rows) {
            String status = OK.equals(row.get("status")) ? "" : row.get("status") + ": " + row.get("error");
            table.row(row.get("queue"), row.get("backend"), cell(row, "ready"), cell(row, "delayed"), cell(row, "reserved"),
                    cell(row, "failed"), row.get("name"), status);
        }
        table.print(session.out());
        return exitCode;
    }

    /** A count, "n/a" when the backend cannot give it, "–" when the queue could not be counted. */
    private static Object cell(Map<String, Object> row, String key) {
        Object value = row.get(key);
        if (value != null) {
            return value;
        }
        return OK.equals(row.get("status")) ? "n/a" : "–";
    }

    private static Map<String, Object> row(Session session, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("queue", name);
        row.put("name", name);
        row.put("backend", null);
        row.put("ready", null);
        row.put("delayed", null);
        row.put("reserved", null);
        row.put("failed", null);
        row.put("status", OK);
        row.put("error", null);
        try {
            QueueSettings settings = session.queueSettings(name);
            row.put("name", settings.prefix() + name);
            row.put("backend", settings.className());
            Optional<String> notSetUp = session.notSetUp(name);
            if (notSetUp.isPresent()) {
                row.put("status", NOT_SET_UP);
                row.put("error", notSetUp.get());
                return row;
            }
            Queue queue = session.queueToRead(name);
            row.put("name", queue.name());
            row.put("backend", queue.capabilities().backend());
            QueueCounts counts = session.onBackend("read", name, queue::counts);
            row.put("ready", counts.ready());
            row.put("delayed", queue.capabilities().has(Capability.COUNT_DELAYED) ? counts.delayed() : null);
            row.put("reserved", queue.capabilities().has(Capability.COUNT_RESERVED) ? counts.reserved() : null);
            row.put("failed", queue.capabilities().has(Capability.FAILED_STORE) ? counts.failed() : null);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof QueueNotSetUpException notSetUp) {
                row.put("status", NOT_SET_UP);
                row.put("error", notSetUp.storage() + " does not exist (run 'jobqueue queue:setup " + name + "' to create it)");
            } else {
                row.put("status", ERROR);
                row.put("error", Session.describe(e));
            }
        }
        return row;
    }
}
