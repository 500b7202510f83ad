package io.jobqueue.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Busy-spins, checking nothing but its gate (not the interrupt), until the test opens the gate (or
 * two minutes pass, so no test leaves it spinning for ever); records "started" and "returned", and
 * returns true.
 */
public final class InterruptIgnoringJob implements Job {

    private static final Map<String, AtomicBoolean> GATES = new ConcurrentHashMap<>();
    private String key;

    private InterruptIgnoringJob() {
    }

    public InterruptIgnoringJob(String key) {
        this.key = key;
    }

    public static void open(String key) {
        gate(key).set(true);
    }

    private static AtomicBoolean gate(String key) {
        return GATES.computeIfAbsent(key, k -> new AtomicBoolean());
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        Recorder.record(key, "started");
        AtomicBoolean gate = gate(key);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!gate.get() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        Recorder.record(key, "returned");
        return true;
    }
}
