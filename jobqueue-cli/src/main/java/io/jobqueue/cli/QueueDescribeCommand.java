package io.jobqueue.cli;

import io.jobqueue.QueueSettings;
import io.jobqueue.spi.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code queue:describe <queue>}: the queue's settings merged over its preset, with the defaults of
 * unset keys, secrets masked. Reads settings only; the backend is not contacted.
 */
@Command(name = "queue:describe", description = "Show a queue's settings (preset and queue merged, defaults filled in, secrets masked).")
final class QueueDescribeCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
        Session session = session();
        QueueSettings settings = session.queueSettings(queueName);
        Map<String, Object> effective = Secrets.maskSettings(effective(settings));
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("queue", queueName);
            document.put("source", session.config().source());
            document.put("settings", effective);
            Json.print(session.out(), document);
            return JobQueueCli.EXIT_OK;
        }
        session.out().println("Configuration options for queue \"" + queueName + "\" (from " + session.config().source() + "):");
        session.out().println();
        Table table = new Table("Option", "Value");
        Map<String, Object> own = settings.toMap();
        effective.forEach((key, value) -> {
            String text = value instanceof Map<?, ?> ? Json.write(value)
                    : value == null ? "–"
                    : value.equals("") ? "\"\""
                    : String.valueOf(value);
            boolean isDefault = !own.containsKey(key) && !(value instanceof Map<?, ?> m && m.isEmpty()) && !key.equals("preset");
            table.row(key, isDefault ? text + " (default)" : text);
        });
        table.print(session.out());
        return JobQueueCli.EXIT_OK;
    }

    /** Every key with its value, or its default when unset. */
    private static Map<String, Object> effective(QueueSettings settings) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("className", settings.className());
        map.put("maximumNumberOfReleases", settings.maximumNumberOfReleasesOrDefault());
        map.put("executeIsolated", settings.isolated());
        map.put("outputResults", settings.forwardOutput());
        map.put("queueNamePrefix", settings.prefix());
        map.put("options", settings.options());
        map.put("releaseOptions", settings.releaseOptions());
        if (settings.preset() != null) {
            map.put("preset", settings.preset());
        }
        return map;
    }
}
