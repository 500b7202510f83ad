package io.jobqueue.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code queue:submit <queue> <payload> [--options JSON]}: puts a raw payload on the queue (the job
 * manager is not involved). Invalid {@code --options} JSON is a usage error, not silently ignored.
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

    @Override
    public Integer call() {
        SubmitOptions submitOptions = submitOptions();
        Queue queue = queue(queueName);
        String id = session().onBackend("submit to", queueName, () -> queue.submit(payload, submitOptions));
        session().out().println("Submitted payload to queue \"" + queueName + "\" with ID \"" + id + "\".");
        return JobQueueCli.EXIT_OK;
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
