package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.Queue;
import io.jobqueue.QueueCounts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code queue:stats <queue>}: the counts, delayed messages included, and how long the oldest ready
 * message has waited. A figure the backend cannot give is "not supported by &lt;backend&gt;" (null in
 * JSON). Read-only: a queue that is not set up is reported, not created.
 */
@Command(name = "queue:stats", description = "Show a queue's counts and how long its oldest ready message has waited.")
final class QueueStatsCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
        Queue queue = queueToRead(queueName);
        QueueCounts counts = read(queueName, queue::counts);
        long ready = counts.ready();
        Long delayed = queue.capabilities().has(Capability.COUNT_DELAYED) ? counts.delayed() : null;
        Long reserved = queue.capabilities().has(Capability.COUNT_RESERVED) ? counts.reserved() : null;
        Long failed = queue.capabilities().has(Capability.FAILED_STORE) ? counts.failed() : null;
        Optional<Duration> oldest = ready == 0 ? Optional.empty() : counts.oldestReady();
        Session session = session();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("queue", queueName);
            document.put("name", queue.name());
            document.put("backend", queue.capabilities().backend());
            document.put("ready", ready);
            document.put("delayed", delayed);
            document.put("reserved", reserved);
            document.put("failed", failed);
            document.put("oldestReadySeconds", oldest.map(d -> d.toMillis() / 1000.0).orElse(null));
            Json.print(session.out(), document);
            return JobQueueCli.EXIT_OK;
        }
        String notSupported = notSupported(queue);
        Table table = Table.keyValue()
                .row("queue", queueName)
                .row("name in backend", queue.name())
                .row("backend", queue.capabilities().backend())
                .row("ready", ready)
                .row("delayed", delayed == null ? notSupported : delayed)
                .row("reserved", reserved == null ? notSupported : reserved)
                .row("failed", failed == null ? notSupported : failed)
                .row("oldest ready", oldestReady(queue, ready, oldest));
        table.print(session.out());
        return JobQueueCli.EXIT_OK;
    }

    private static String oldestReady(Queue queue, long ready, Optional<Duration> oldest) {
        if (oldest.isPresent()) {
            return Durations.human(oldest.get());
        }
        if (ready == 0) {
            return "none ready";
        }
        return queue.capabilities().has(Capability.OLDEST_READY_AGE) ? "unknown" : notSupported(queue);
    }
}
