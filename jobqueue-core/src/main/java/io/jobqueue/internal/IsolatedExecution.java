package io.jobqueue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobqueue.IsolatedJobException;
import io.jobqueue.Message;
import io.jobqueue.QueueSettings;
import io.jobqueue.UnreadablePayloadException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one message's job in a child JVM with this JVM's class path ({@code executeIsolated: true})
 * and waits for it. The child gets the configured (unprefixed) queue name, its merged settings and
 * the message as one line of JSON on stdin (no size limit, unlike a command-line argument); it runs
 * the job and writes a {@link ChildAnswer} to a file in a private temporary folder. The parent
 * finishes, releases or aborts.
 *
 * <p>The child is tied to this JVM: its stdin stays open for its whole life, and the child halts as
 * soon as stdin ends, so it dies with its parent, even of SIGKILL. Waiting is interruptible: when the
 * waiting thread is interrupted (the job ran past its timeout, the worker stops after its grace
 * period, or lost the message's lease) the child is killed and waited for before {@link InterruptedException} is thrown. A child
 * that exits without an answer — the job called {@code System.exit}, the JVM crashed, it was killed
 * — is a failure whose reason names the exit code, with the end of its output when it was captured
 * (when {@code outputResults} is off, output goes to a file in the temporary folder).
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
    private static final int TAIL_CHARS = 2000;
    private static final long KILL_WAIT_SECONDS = 10;

    private IsolatedExecution() {
    }

    /**
     * Runs the job in a child JVM and waits for it.
     *
     * @return true when the job succeeded, false when it returned false
     * @throws IsolatedJobException       when the job threw in the child, or the child exited without an answer
     * @throws UnreadablePayloadException when the child could not read the payload
     * @throws InterruptedException       when this thread was interrupted; the child was killed
     */
    public static boolean run(String queueName, QueueSettings settings, Message message) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("jobqueue-isolated-");
        try {
            Path answerFile = folder.resolve("answer.json");
            Path outputFile = folder.resolve("output.txt");
            ProcessBuilder builder = new ProcessBuilder(command());
            if (settings.forwardOutput()) {
                builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
            } else {
                builder.redirectErrorStream(true).redirectOutput(outputFile.toFile());
            }
            byte[] request = request(queueName, settings, message, answerFile);
            Process child = builder.start();
            int exit;
            try {
                exit = await(child, request);
            } finally {
                if (child.isAlive()) { // interrupted, or an unexpected error here: never leave a child behind
                    child.destroyForcibly();
                    child.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
                }
                closeQuietly(child.getOutputStream());
            }
            return judge(queueName, message, exit, ChildAnswer.readFrom(answerFile),
                    settings.forwardOutput() ? "" : tail(outputFile));
        } finally {
            deleteQuietly(folder);
        }
    }

    /**
     * Writes the request on a thread of its own (a child that does not read cannot block this
     * one), keeps stdin open, and waits for the child to exit.
     */
    private static int await(Process child, byte[] request) throws InterruptedException {
        Thread writer = new Thread(() -> {
            try {
                OutputStream stdin = child.getOutputStream();
                stdin.write(request);
                stdin.flush();
            } catch (IOException e) {
                // the child is gone before it read the request: judged by its exit without an answer
            }
        }, "jobqueue-isolated-request");
        writer.setDaemon(true);
        writer.start();
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            child.destroyForcibly();
            child.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
            InterruptedException killed = new InterruptedException("isolated child killed: the thread waiting for it was interrupted"
                    + " (a job that runs past its timeout, or past the grace period of a worker's stop, is interrupted)");
            killed.initCause(e);
            throw killed;
        }
    }

    private static boolean judge(String queueName, Message message, int exit, java.util.Optional<ChildAnswer> answer, String tail) {
        if (answer.isEmpty()) {
            throw new IsolatedJobException("isolated child exited with code " + exit + " without an answer"
                    + (tail.isEmpty() ? "" : "; its output ended with: " + tail), queueName, message.id(), null, exit);
        }
        ChildAnswer a = answer.get();
        return switch (a.outcome()) {
            case SUCCEEDED -> true;
            case RETURNED_FALSE -> false;
            case UNREADABLE -> throw new UnreadablePayloadException(a.text() == null ? "isolated child could not read the payload" : a.text(), null);
            case THREW -> throw new IsolatedJobException(simpleName(a.throwableClass()) + (a.text() == null ? "" : ": " + a.text()),
                    queueName, message.id(), a.throwableClass(), exit);
        };
    }

    private static byte[] request(String queueName, QueueSettings settings, Message message, Path answerFile) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("queue", queueName);
        request.put("settings", settings.toMap());
        request.put("message", Map.of("id", message.id(), "payload", message.payload(), "headers", message.headers(),
                "numberOfReleases", message.numberOfReleases(), "numberOfDeliveries", message.numberOfDeliveries(),
                "token", message.token()));
        request.put("answerFile", answerFile.toString());
        request.put("exitWithParent", true);
        byte[] json = JSON.writeValueAsBytes(request); // one line: strings escape their line breaks
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
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

    private static String simpleName(String className) {
        if (className == null) {
            return "unknown throwable";
        }
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    /** The last characters of the child's output, on one line. */
    private static String tail(Path outputFile) {
        try (RandomAccessFile file = new RandomAccessFile(outputFile.toFile(), "r")) {
            long length = file.length();
            int count = (int) Math.min(length, TAIL_CHARS * 2L); // bytes; UTF-8 characters may take more than one
            byte[] bytes = new byte[count];
            file.seek(length - count);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", " | ");
            return text.length() <= TAIL_CHARS && count == length ? text : "…" + text.substring(Math.max(0, text.length() - TAIL_CHARS));
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // the child is gone; nothing to tell it
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // a leftover in the temporary folder; the operating system cleans it
        }
    }
}
