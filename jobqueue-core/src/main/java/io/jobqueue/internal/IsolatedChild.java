package io.jobqueue.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobqueue.JobSerializer;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.UnreadablePayloadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The main class of an isolated child JVM (and of {@code jobqueue job:execute}): reads the request
 * that {@link IsolatedExecution} wrote on stdin, runs the job once, and exits 0 on success, 1 on
 * failure, 3 when the payload is not a job. It never finishes, releases or aborts: the parent does.
 *
 * <p>When the request names an {@code answerFile}, the child also writes its {@link ChildAnswer}
 * there once the job ended; the parent judges by that answer, not by the exit code, so a job that
 * calls {@code System.exit(0)} is not taken for a success. When the request asks for
 * {@code exitWithParent}, a daemon thread reads stdin to its end and then halts the JVM at once:
 * the parent keeps the pipe open for the child's whole life, so the pipe closes — and the child
 * dies — when the parent dies, even of SIGKILL.
 */
public final class IsolatedChild {

    /** Exit code of a child halted because its parent went away. */
    static final int EXIT_PARENT_GONE = 4;
    /** How long {@code System.exit} may take (shutdown hooks of the job) before the child halts. */
    private static final long EXIT_GRACE_MILLIS = 10_000;

    /** Reads the request; no limit on the payload string, which the job serializer checks itself. */
    private static final ObjectMapper REQUEST = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build());

    private IsolatedChild() {
    }

    public static void main(String[] args) {
        exit(runFromStdin());
    }

    /** Runs the request on stdin, writes the answer when one is asked for, and returns the exit code. */
    @SuppressWarnings("unchecked")
    public static int runFromStdin() {
        JsonNode request;
        try {
            request = readRequest(System.in);
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot read the request on stdin: " + e.getMessage());
            return IsolatedExecution.EXIT_FAILED;
        }
        if (request.path("exitWithParent").asBoolean(false)) {
            watchParent(System.in);
        }
        Path answerFile = request.hasNonNull("answerFile") ? Path.of(request.get("answerFile").asText()) : null;
        ChildAnswer answer = run(request);
        if (answerFile != null) {
            try {
                answer.writeTo(answerFile);
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot write the answer to " + answerFile + ": " + e);
            }
        }
        return switch (answer.outcome()) {
            case SUCCEEDED -> IsolatedExecution.EXIT_SUCCESS;
            case UNREADABLE -> IsolatedExecution.EXIT_UNREADABLE;
            case RETURNED_FALSE, THREW -> IsolatedExecution.EXIT_FAILED;
        };
    }

    private static JsonNode readRequest(InputStream in) throws IOException {
        try (JsonParser parser = REQUEST.createParser(in)) { // reads one JSON value; stdin stays open
            JsonNode request = REQUEST.readTree(parser);
            if (request == null || !request.isObject()) {
                throw new IOException("expected a JSON object");
            }
            return request;
        }
    }

    @SuppressWarnings("unchecked")
    private static ChildAnswer run(JsonNode request) {
        try {
            String queueName = request.path("queue").asText();
            Map<String, Object> settings = REQUEST.convertValue(request.path("settings"), Map.class);
            JsonNode m = request.path("message");
            Map<String, String> headers = REQUEST.convertValue(m.path("headers"), Map.class);
            Message message = new Message(m.path("id").asText(), m.path("payload").asText(), headers,
                    m.path("numberOfReleases").asInt(), m.path("numberOfDeliveries").asInt(), m.path("token").asText());
            JobQueueSettings single = JobQueueSettings.fromMap(Map.of("queues", Map.of(queueName, settings)), "isolated execution");
            try (QueueManager queues = new QueueManager(single)) {
                Queue queue = queues.getQueue(queueName);
                boolean success = JobSerializer.defaultSerializer().deserialize(message.payload()).execute(queue, message);
                if (!success) {
                    System.err.println("execute() of job in message " + message.id() + " did not return true");
                }
                return new ChildAnswer(success ? ChildAnswer.Outcome.SUCCEEDED : ChildAnswer.Outcome.RETURNED_FALSE, null, null);
            }
        } catch (UnreadablePayloadException e) {
            System.err.println(e.getMessage());
            return new ChildAnswer(ChildAnswer.Outcome.UNREADABLE, null, e.getMessage());
        } catch (Throwable e) { // whatever the job threw is its failure, Errors included
            e.printStackTrace();
            return ChildAnswer.threw(e);
        }
    }

    /** Halts this JVM as soon as stdin ends: the parent closed it or died. */
    private static void watchParent(InputStream in) {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // the parent writes nothing more; anything it did write is ignored
                }
            } catch (IOException e) {
                // a broken pipe ends the child like an end of file
            }
            Runtime.getRuntime().halt(EXIT_PARENT_GONE);
        }, "jobqueue-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Exits with the code, halting if shutdown hooks (the job's) take longer than a few seconds. */
    private static void exit(int code) {
        System.out.flush();
        System.err.flush();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(code);
        }, "jobqueue-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(code);
    }
}
