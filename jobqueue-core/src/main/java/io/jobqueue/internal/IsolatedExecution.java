package io.jobqueue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobqueue.JobQueueException;
import io.jobqueue.Message;
import io.jobqueue.QueueSettings;
import io.jobqueue.UnreadablePayloadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one message's job in a child JVM with this JVM's class path ({@code executeIsolated: true}).
 * The message travels on the child's stdin as JSON (no size limit, unlike a command-line argument);
 * the child only runs the job and answers with its exit code, the parent finishes, releases or
 * aborts. The child is given the configured (unprefixed) queue name and its merged settings.
 */
public final class IsolatedExecution {

    /** Exit code of a child whose job returned true. */
    static final int EXIT_SUCCESS = 0;
    /** Exit code of a child whose job returned false or threw. */
    static final int EXIT_FAILED = 1;
    /** Exit code of a child that could not read the payload as a job. */
    static final int EXIT_UNREADABLE = 3;

    /** System property: the class path for children, when it differs from {@code java.class.path}. */
    public static final String CLASS_PATH_PROPERTY = "jobqueue.isolated.classpath";

    private static final ObjectMapper JSON = new ObjectMapper();

    private IsolatedExecution() {
    }

    /**
     * Runs the job in a child JVM and waits for it.
     *
     * @return true when the job succeeded, false when it returned false or threw
     * @throws UnreadablePayloadException when the child could not read the payload
     */
    public static boolean run(String queueName, QueueSettings settings, Message message) throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("queue", queueName);
        request.put("settings", settings.toMap());
        request.put("message", Map.of("id", message.id(), "payload", message.payload(),
                "numberOfReleases", message.numberOfReleases()));
        ProcessBuilder builder = new ProcessBuilder(command());
        if (settings.forwardOutput()) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            builder.redirectErrorStream(true);
        }
        Process child = builder.start();
        try (OutputStream stdin = child.getOutputStream()) {
            JSON.writeValue(stdin, request);
        }
        String output = settings.forwardOutput() ? "" : readAll(child.getInputStream());
        int exit = child.waitFor();
        if (exit == EXIT_SUCCESS) {
            return true;
        }
        String tail = lastLines(output);
        if (exit == EXIT_UNREADABLE) {
            throw new UnreadablePayloadException(tail.isEmpty() ? "isolated child could not read the payload" : tail, null);
        }
        if (exit == EXIT_FAILED && tail.isEmpty()) {
            return false;
        }
        throw new JobQueueException("isolated execution of message " + message.id() + " failed with exit code " + exit
                + (tail.isEmpty() ? " without any further output" : ": " + tail), queueName, message.id(), null);
    }

    private static List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty(CLASS_PATH_PROPERTY, System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-cp");
        command.add(classPath);
        command.add(IsolatedChild.class.getName());
        return command;
    }

    private static String readAll(InputStream in) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastLines(String output) {
        String trimmed = output.strip();
        if (trimmed.length() <= 2000) {
            return trimmed;
        }
        return "…" + trimmed.substring(trimmed.length() - 2000);
    }
}
