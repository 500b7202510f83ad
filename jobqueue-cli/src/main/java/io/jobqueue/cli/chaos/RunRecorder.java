package io.jobqueue.cli.chaos;

import io.jobqueue.JobListener;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The record of a worker process's job executions, kept outside the queue's backend: one line per
 * start ({@code S <job> <deliveries> <nanos>}), per end ({@code E <job> <nanos>}) and — as the job
 * manager's listener — per finish the backend acknowledged ({@code F <job> <nanos>}), epoch
 * nanoseconds of the wall clock, appended to the worker's own file with one {@code write} each, so
 * what was written survives a SIGKILL of the process (the kernel holds it; a crash of the machine
 * is not what the chaos run simulates). Thread-safe: the worker's job threads share it.
 */
public final class RunRecorder implements JobListener, AutoCloseable {

    private static volatile RunRecorder installed;

    private final FileOutputStream out;
    /** The job number of each message that started here and was not finished yet. */
    private final Map<String, Integer> jobOfMessage = new ConcurrentHashMap<>();

    private RunRecorder(Path file) throws IOException {
        this.out = new FileOutputStream(file.toFile(), true);
    }

    /** Opens the file (appending) and makes it the one {@link ChaosJob}s of this process record to. */
    public static RunRecorder install(Path file) throws IOException {
        RunRecorder recorder = new RunRecorder(file);
        installed = recorder;
        return recorder;
    }

    /** The recorder of this process, or null outside a chaos worker process. */
    static RunRecorder installed() {
        return installed;
    }

    void started(String messageId, int job, int deliveries) {
        jobOfMessage.put(messageId, job);
        write("S " + job + " " + deliveries + " " + now() + "\n");
    }

    void ended(int job) {
        write("E " + job + " " + now() + "\n");
    }

    /** Told by the job manager once the backend finished the message (on a completer thread). */
    @Override
    public void messageFinished(Queue queue, Message message) {
        Integer job = jobOfMessage.remove(message.id());
        if (job != null) {
            write("F " + job + " " + now() + "\n");
        }
    }

    /** The wall clock in epoch nanoseconds, as the parent reads it for kills and restarts. */
    public static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private synchronized void write(String line) {
        try {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chaos run's record", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
