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
 * unset keys, secrets masked, and the capabilities of its backend. Reads settings only; the backend
 * is not contacted.
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
            document.put("capabilities", capabilities(session).map(c -> (Object) c).orElse(null));
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
        session.out().println();
        session.out().println("Capabilities of its backend: " + capabilities(session).map(c -> String.join(", ", c))
                .orElse("not known from these settings (queue:stats builds the queue and says what is wrong)"));
        return JobQueueCli.EXIT_OK;
    }

    /** The names of what the queue's backend can do, read from the settings without connecting; empty when they cannot tell. */
    private java.util.Optional<java.util.List<String>> capabilities(Session session) {
        try {
            return session.jobs().queueManager().capabilities(queueName)
                    .map(c -> c.capabilities().stream().map(io.jobqueue.Capability::key).toList());
        } catch (RuntimeException e) { // options the backend refuses: queue:stats and the other commands say which
            return java.util.Optional.empty();
        }
    }

    /** Every key with its value, or its default when unset. */
    private static Map<String, Object> effective(QueueSettings settings) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("className", settings.className());
        map.put("maximumNumberOfReleases", settings.maximumNumberOfReleasesOrDefault());
        map.put("maximumNumberOfDeliveries", settings.maximumNumberOfDeliveriesOrDefault());
        map.put("executeIsolated", settings.isolated());
        map.put("outputResults", settings.forwardOutput());
        map.put("queueNamePrefix", settings.prefix());
        map.put("options", settings.options());
        map.put("releaseOptions", settings.releaseOptions());
        map.put("timeout", settings.toMap().get("timeout")); // seconds; null (shown "–"): no timeout
        if (settings.preset() != null) {
            map.put("preset", settings.preset());
        }
        return map;
    }
}
