package io.jobqueue.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records that it started, then waits until the test opens its gate (bounded), then records its end. */
public final class BlockingJob implements Job {

    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private String key;

    private BlockingJob() {
    }

    public BlockingJob(String key) {
        this.key = key;
    }

    public static void open(String key) {
        gate(key).countDown();
    }

    private static CountDownLatch gate(String key) {
        return GATES.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    @Override
    public boolean execute(Queue queue, Message message) throws InterruptedException {
        Recorder.record(key, "started " + message.id());
        boolean opened = gate(key).await(30, TimeUnit.SECONDS);
        Recorder.record(key, "ended " + message.id());
        return opened;
    }
}
