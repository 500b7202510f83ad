package io.jobqueue.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends "pid queue payload-length" to a file, so a test can see which process ran it, with which
 * queue, and that a large payload arrived whole; fails when {@code fail} is set.
 */
public final class ProcessRecordingJob implements Job {

    private String file;
    private String padding;
    private boolean fail;

    private ProcessRecordingJob() {
    }

    public ProcessRecordingJob(Path file, String padding, boolean fail) {
        this.file = file.toString();
        this.padding = padding;
        this.fail = fail;
    }

    @Override
    public boolean execute(Queue queue, Message message) throws IOException {
        String line = ProcessHandle.current().pid() + " " + queue.name() + " " + padding.length() + "\n";
        Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fail) {
            throw new IllegalStateException("failed in the child on purpose");
        }
        return true;
    }
}
