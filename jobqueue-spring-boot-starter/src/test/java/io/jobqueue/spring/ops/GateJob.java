package io.jobqueue.spring.ops;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records {@code started} and {@code ended} under its key; with {@code waits}, it waits between the two
 * (interruptibly, at most 30 s) until the test opens its gate. An interrupt fails it.
 */
public final class GateJob implements Job {

    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

    private String key;
    private boolean waits;

    private GateJob() {
    }

    public GateJob(String key, boolean waits) {
        this.key = key;
        this.waits = waits;
    }

    /** Lets the waiting jobs of this key end. */
    public static void open(String key) {
        gate(key).countDown();
    }

    /** What the jobs of this key did, in order (tests also record their own events here). */
    public static List<String> events(String key) {
        return EVENTS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
    }

    private static CountDownLatch gate(String key) {
        return GATES.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    @Override
    public boolean execute(Queue queue, Message message) throws InterruptedException {
        events(key).add("started");
        if (waits) {
            try {
                if (!gate(key).await(30, TimeUnit.SECONDS)) {
                    events(key).add("gave up");
                    return false;
                }
            } catch (InterruptedException e) {
                events(key).add("interrupted");
                throw e;
            }
        }
        events(key).add("ended");
        return true;
    }
}
