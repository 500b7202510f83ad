package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.MessageState;
import io.jobqueue.Queue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code job:show <queue> <id> [--json]}: one message by its id, one field a line: its state, id, job
 * label, counts, the time that goes with its state (due at, reserved until, failed at and reason) and
 * its headers; a finished or cancelled message kept by the queue shows when it ended. An id the queue does not hold (unknown, finished, malformed, another queue's) is one
 * line and exit code 2; a backend that cannot find messages by id says so, exit code 1. Read-only: a
 * queue that is not set up is reported, not created.
 */
@Command(name = "job:show", description = "Show one message of a queue by its id: its state, job, counts, times and"
        + " headers.")
final class JobShowCommand extends CliCommand {

    /** Ids longer than this are cut in the error line, so a pasted blob does not flood the terminal. */
    private static final int SHOWN_ID_LENGTH = 80;

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Parameters(index = "1", paramLabel = "<id>", description = "the message id (as job:list --json, job:failed or a"
            + " submit shows it)")
    String id;

    @Option(names = "--json", description = "print JSON for scripts (full reason, headers and payload)")
    boolean json;

    @Override
    public Integer call() {
        Queue queue = queueToRead(queueName);
        if (!queue.capabilities().has(Capability.FIND_BY_ID)) {
            throw new CliException("job:show is " + notSupported(queue));
        }
        Optional<MessageInfo> found = id.isBlank() ? Optional.empty() : read(queueName, () -> queue.find(id));
        if (found.isEmpty()) {
            throw new CliException("no message '" + shown(id) + "' in queue '" + queueName + "'", JobQueueCli.EXIT_USAGE, null);
        }
        MessageInfo info = found.get();
        Message message = info.message();
        Session session = session();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("queue", queueName);
            document.put("id", message.id());
            document.put("state", state(info.state()));
            document.put("label", label(message));
            document.put("releases", message.numberOfReleases());
            document.put("deliveries", message.numberOfDeliveries());
            document.put("dueAt", text(info.dueAt()));
            document.put("reservedUntil", text(info.reservedUntil()));
            document.put("failedAt", text(info.failedAt()));
            document.put("finishedAt", info.state() == MessageState.FINISHED ? text(info.finishedAt()) : null);
            document.put("cancelledAt", info.state() == MessageState.CANCELLED ? text(info.finishedAt()) : null);
            document.put("reason", info.state() == MessageState.FAILED ? info.failureReason() : null);
            document.put("headers", message.headers());
            document.put("payload", message.payload());
            Json.print(session.out(), document);
            return JobQueueCli.EXIT_OK;
        }
        Table table = Table.keyValue()
                .row("state", state(info.state()))
                .row("id", message.id())
                .row("label", JobQueueCli.oneLine(label(message)))
                .row("releases", String.valueOf(message.numberOfReleases()))
                .row("deliveries", String.valueOf(message.numberOfDeliveries()));
        switch (info.state()) {
            case DELAYED -> table.row("due at", text(info.dueAt()));
            case RESERVED -> table.row("reserved until", text(info.reservedUntil()));
            case FAILED -> table.row("failed at", info.failedAt() == null ? "not recorded by " + queue.capabilities().backend()
                    : text(info.failedAt())).row("reason", info.failureReason().isEmpty() ? "none given"
                    : JobQueueCli.oneLine(info.failureReason()));
            case FINISHED -> table.row("finished at", text(info.finishedAt()));
            case CANCELLED -> table.row("cancelled at", text(info.finishedAt()));
            default -> {
                // a ready message has no time of its own
            }
        }
        if (message.headers().isEmpty()) {
            table.row("headers", "none");
        } else {
            boolean first = true;
            for (Map.Entry<String, String> header : new java.util.TreeMap<>(message.headers()).entrySet()) {
                table.row(first ? "headers" : "", header.getKey() + "=" + escaped(header.getValue()));
                first = false;
            }
        }
        table.print(session.out());
        return JobQueueCli.EXIT_OK;
    }

    private static String state(MessageState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A header value on one line: line breaks and tabs as {@code \n}, {@code \r}, {@code \t}, a backslash doubled. */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static String shown(String text) {
        String line = JobQueueCli.oneLine(text);
        return line.length() <= SHOWN_ID_LENGTH ? line : line.substring(0, SHOWN_ID_LENGTH) + "… (" + text.length()
                + " characters)";
    }
}
