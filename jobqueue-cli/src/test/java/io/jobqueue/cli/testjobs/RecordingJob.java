package io.jobqueue.cli.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Succeeds and records its name, so a test sees which jobs ran in this JVM. */
public final class RecordingJob implements Job {

    public static final List<String> RAN = new CopyOnWriteArrayList<>();

    private String name;

    private RecordingJob() {
    }

    public RecordingJob(String name) {
        this.name = name;
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        RAN.add(name);
        return true;
    }

    @Override
    public String label() {
        return "record " + name;
    }
}
