package io.jobqueue.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobqueue.Capability;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Submitted;
import io.jobqueue.UniqueScope;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code queue:submit <queue> <payload> [--options JSON] [--unique-key KEY [--unique-scope SCOPE]]
 * [--concurrency-key KEY]}: puts a raw payload on the queue (the job manager is not involved).
 * Invalid {@code --options} JSON is a usage error, not silently ignored. A submit whose unique key
 * is held already stores nothing and says so in one line, naming the existing message (exit 0); a
 * backend without unique keys or concurrency keys is one line naming the capability (exit 1).
 */
@Command(name = "queue:submit", description = "Submit a raw payload (e.g. a serialized job) to a queue.")
final class QueueSubmitCommand extends CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<queue>", description = "the configured queue name")
    String queueName;

    @Parameters(index = "1", paramLabel = "<payload>", description = "the message payload, as is")
    String payload;

    @Option(names = "--options", paramLabel = "JSON",
            description = "submit options as a JSON object: {\"delay\": seconds, \"priority\": n, …backend extras}")
    String options;

    @Option(names = "--unique-key", paramLabel = "KEY",
            description = "store nothing while a message with this key is in its scope; say which message holds it")
    String uniqueKey;

    @Option(names = "--unique-scope", paramLabel = "SCOPE",
            description = "how long the key holds: queued (ready or delayed), active (also while running; the default),"
                    + " or a period after the submit such as 90s, 15m, 1h, 7d (at most 366d)")
    String uniqueScope;

    @Option(names = "--concurrency-key", paramLabel = "KEY",
            description = "at most the queue's concurrencyLimit messages with this key run at once")
    String concurrencyKey;

    /** A period: a number and a unit. */
    private static final Pattern PERIOD = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)");

    @Override
    public Integer call() {
        SubmitOptions submitOptions = keys(submitOptions());
        Queue queue = queue(queueName);
        if (uniqueKey != null) {
            require(Capability.UNIQUE, queue, "a submit with a unique key (--unique-key)");
        }
        if (concurrencyKey != null) {
            require(Capability.CONCURRENCY_LIMIT, queue, "a submit with a concurrency key (--concurrency-key)");
        }
        Submitted submitted;
        try {
            submitted = session().onBackend("submit to", queueName, () -> queue.offer(payload, submitOptions));
        } catch (IllegalArgumentException e) {
            // an option the queue refuses (an extra its backend does not read, a delay past the maximum): nothing was stored
            throw usage("--options: " + e.getMessage());
        }
        if (submitted.duplicate()) {
            session().out().println("Not submitted: a duplicate of message \"" + submitted.id() + "\" in queue \"" + queueName
                    + "\", which holds the unique key \"" + uniqueKey + "\".");
        } else {
            session().out().println("Submitted payload to queue \"" + queueName + "\" with ID \"" + submitted.id() + "\".");
        }
        return JobQueueCli.EXIT_OK;
    }

    /** The options with the unique and concurrency keys of the flags. */
    private SubmitOptions keys(SubmitOptions submitOptions) {
        SubmitOptions result = submitOptions;
        if (uniqueScope != null && uniqueKey == null) {
            throw usage("--unique-scope needs --unique-key");
        }
        try {
            if (uniqueKey != null) {
                result = result.withUniqueKey(uniqueKey, uniqueScope == null ? UniqueScope.ACTIVE : scope(uniqueScope));
            }
            if (concurrencyKey != null) {
                result = result.withConcurrencyKey(concurrencyKey);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return result;
    }

    /** queued, active, a period such as 1h, or the core's text form (period:PT1H). */
    private UniqueScope scope(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("queued") || value.equals("active") || value.startsWith("period:")) {
            return UniqueScope.parse(text.strip());
        }
        Matcher matcher = PERIOD.matcher(value);
        if (!matcher.matches()) {
            throw usage("--unique-scope must be queued, active or a period such as 90s, 15m, 1h or 7d, was '" + text + "'");
        }
        double amount = Double.parseDouble(matcher.group(1));
        long millis = switch (matcher.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m", "min" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        double total = amount * millis;
        if (total > UniqueScope.MAX_PERIOD.toMillis() || total < 1) {
            throw usage("--unique-scope must be a period from 1ms to 366d, was '" + text + "'");
        }
        return UniqueScope.forPeriod(Duration.ofMillis(Math.round(total)));
    }

    @SuppressWarnings("unchecked")
    private SubmitOptions submitOptions() {
        if (options == null) {
            return SubmitOptions.DEFAULT;
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(options);
        } catch (JsonProcessingException e) {
            throw usage("--options is not valid JSON: " + e.getOriginalMessage()
                    + " at column " + e.getLocation().getColumnNr());
        }
        if (node == null || !node.isObject()) {
            throw usage("--options must be a JSON object such as '{\"delay\": 10}', was: " + options);
        }
        try {
            return SubmitOptions.fromMap(Json.mapper().convertValue(node, Map.class));
        } catch (IllegalArgumentException e) {
            throw usage("--options: " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
