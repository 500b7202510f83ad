package io.jobqueue.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;

/** Records its value under its key and succeeds. */
public final class RecordingJob implements Job {

    private String key;
    private String value;

    private RecordingJob() {
    }

    public RecordingJob(String key, String value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        Recorder.record(key, value);
        return true;
    }

    @Override
    public String label() {
        return "record " + value;
    }
}
