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
 * {@code queue:stats <queue>}: the counts and how long the oldest ready message has waited. A
 * figure the backend cannot give is shown as "n/a" (null in JSON).
 */
@Command(name = "queue:stats", description = "Show a queue's counts and how long its oldest ready message has waited.")
final class QueueStatsCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
        Queue queue = queue(queueName);
        QueueCounts counts = queue.counts();
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
        Table table = Table.keyValue()
                .row("queue", queueName)
                .row("name in backend", queue.name())
                .row("backend", queue.capabilities().backend())
                .row("ready", ready)
                .row("delayed", delayed == null ? "n/a" : delayed)
                .row("reserved", reserved == null ? "n/a" : reserved)
                .row("failed", failed == null ? "n/a" : failed)
                .row("oldest ready", ready == 0 ? "none ready" : oldest.map(Durations::human).orElse("n/a (not kept by " + queue.capabilities().backend() + ")"));
        table.print(session.out());
        return JobQueueCli.EXIT_OK;
    }
}
