package io.jobqueue.cli.chaos;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;

/**
 * The job of {@code jobqueue chaos}: records its start, works (sleeps) for its given time, records
 * its end and succeeds. It records to the process's {@link RunRecorder}; in a process without one
 * (a plain {@code job:work}) it fails, so the message stays for a chaos worker and is not taken as run.
 */
public final class ChaosJob implements Job {

    private int number;
    private int millis;

    private ChaosJob() {
        // for the serializer
    }

    /**
     * @param number the job's number in the run, 1 … submitted
     * @param millis how long it works
     */
    public ChaosJob(int number, int millis) {
        this.number = number;
        this.millis = millis;
    }

    @Override
    public boolean execute(Queue queue, Message message) throws InterruptedException {
        RunRecorder recorder = RunRecorder.installed();
        if (recorder == null) {
            throw new IllegalStateException("chaos job #" + number + " runs only in a chaos worker process (its record is missing)");
        }
        recorder.started(message.id(), number, message.numberOfDeliveries());
        if (millis > 0) {
            Thread.sleep(millis);
        }
        recorder.ended(number);
        return true;
    }

    @Override
    public String identifier() {
        return "chaos-" + number;
    }

    @Override
    public String label() {
        return "chaos job #" + number;
    }
}
