package io.jobqueue.testkit;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The job of the crash test: records in a folder that it started and, in a worker process that is
 * about to be killed, hangs; in the test's own worker it records that it ran to the end.
 */
public final class CrashJob implements Job {

    /** Set to {@code true} in the worker processes the test kills. */
    static final String HANG_PROPERTY = "jobqueue.crashtest.hang";

    private String key;
    private String folder;

    private CrashJob() {
    }

    CrashJob(String key, Path folder) {
        this.key = key;
        this.folder = folder.toString();
    }

    @Override
    public boolean execute(Queue queue, Message message) throws Exception {
        boolean hang = Boolean.getBoolean(HANG_PROPERTY);
        append(hang ? "started" : "ran", key + " " + message.numberOfDeliveries() + " " + message.numberOfReleases());
        if (hang) {
            Thread.sleep(Long.MAX_VALUE); // until the test kills this process
        }
        return true;
    }

    private void append(String file, String line) throws IOException {
        Files.writeString(Path.of(folder, file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }
}
