package io.jobqueue.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobqueue.ConfigurationException;
import io.jobqueue.IsolatedChildProcess;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code job:execute}: what an isolated child runs. Reads the request (queue name, merged settings,
 * message) as JSON on stdin, runs the job once in this JVM and exits 0 on success, 1 on failure, 3
 * when the payload is not a job. It never finishes, releases or aborts: the parent does. The
 * request does not go through the settings lookup; {@code --classpath} still adds job classes.
 *
 * <p>A request that cannot be run — not JSON, not an object, a missing or mistyped {@code queue},
 * {@code settings} or {@code message}, settings that do not hold — is one line on stderr naming
 * what is wrong, exit code 1, before any job code runs. The request is read here, checked, and
 * handed on in front of the rest of stdin, which stays open for {@code exitWithParent}.
 */
@Command(name = "job:execute", description = "Run one message's job from a request on stdin (what isolated execution runs in the child JVM).",
        footer = {"%nExit codes: 0 the job succeeded, 1 it failed (or the request on stdin is not one), 3 the payload is not a job."})
final class JobExecuteCommand extends CliCommand {

    private static final String EXPECTED = " (expected {\"queue\": name, \"settings\": {…}, \"message\": {\"id\": …, \"payload\": \"…\"}})";

    @Override
    public Integer call() {
        ClassLoader loader = session().classPath().loader();
        InputStream stdin = System.in;
        JsonNode request = readRequest(stdin);
        check(request, loader);
        byte[] checked = checkedBytes(request);
        System.setIn(new SequenceInputStream(new ByteArrayInputStream(checked), stdin));
        try {
            return IsolatedChildProcess.runFromStdin();
        } finally {
            System.setIn(stdin);
        }
    }

    /** The request again, every non-ASCII char escaped: a lone surrogate in it survives, which UTF-8 could not carry. */
    private static byte[] checkedBytes(JsonNode request) {
        try {
            return Json.mapper().writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                    .writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw bad("it cannot be written again: " + e.getOriginalMessage());
        }
    }

    private static JsonNode readRequest(InputStream in) {
        try {
            JsonParser parser = Json.mapper().getFactory().createParser(in); // not closed: stdin stays open
            JsonNode request = Json.mapper().readTree(parser);
            if (request == null || request.isMissingNode()) {
                throw bad("stdin is empty");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw bad("it is not JSON: " + e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " ")
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw bad("it cannot be read: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(JsonNode request, ClassLoader loader) {
        if (!request.isObject()) {
            throw bad("it is " + kind(request) + ", not an object");
        }
        JsonNode queue = request.path("queue");
        if (!queue.isTextual() || queue.asText().isBlank()) {
            throw bad("'queue' must be a queue name, was " + kind(queue));
        }
        JsonNode settings = request.path("settings");
        if (!settings.isObject()) {
            throw bad("'settings' must be an object of queue settings, was " + kind(settings));
        }
        JsonNode message = request.path("message");
        if (!message.isObject()) {
            throw bad("'message' must be an object, was " + kind(message));
        }
        if (!message.path("payload").isTextual()) {
            throw bad("'message.payload' must be a string, was " + kind(message.path("payload")));
        }
        String name = queue.asText();
        try {
            Map<String, Object> map = Json.mapper().convertValue(settings, Map.class);
            JobQueueSettings single = JobQueueSettings.fromMap(Map.of("queues", Map.of(name, map)), "the request's settings");
            String className = single.queues().get(name).className();
            if (className == null) {
                throw new ConfigurationException("queue '" + name + "' has no className in the request's settings");
            }
            try (QueueManager check = new QueueManager(single, loader)) {
                check.capabilities(name); // finds the backend and reads its options, connecting nothing
            }
        } catch (ConfigurationException | IllegalArgumentException e) {
            throw new CliException("job:execute: the request on stdin cannot be run: " + e.getMessage(), e);
        }
    }

    private static String kind(JsonNode node) {
        if (node.isMissingNode()) {
            return "missing";
        }
        return node.isNull() ? "null" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static CliException bad(String why) {
        return new CliException("job:execute: the request on stdin cannot be run: " + why + EXPECTED);
    }
}
