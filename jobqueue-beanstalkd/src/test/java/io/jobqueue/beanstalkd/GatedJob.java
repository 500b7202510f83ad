package io.jobqueue.beanstalkd;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test job that records its number under its test's key; numbers from {@code gatedFrom} on wait
 * (at most 30 s) until the test opens the key's gate, so a test can hold jobs while it breaks
 * something.
 */
final class GatedJob implements Job {

    private static final Map<String, Set<Integer>> DONE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> WAITING = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private String key;
    private int number;
    private int gatedFrom;

    private GatedJob() {
    }

    GatedJob(String key, int number, int gatedFrom) {
        this.key = key;
        this.number = number;
        this.gatedFrom = gatedFrom;
    }

    static Set<Integer> done(String key) {
        return DONE.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
    }

    static int waiting(String key) {
        return WAITING.computeIfAbsent(key, k -> new AtomicInteger()).get();
    }

    static void open(String key) {
        gate(key).countDown();
    }

    private static CountDownLatch gate(String key) {
        return GATES.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    @Override
    public boolean execute(Queue queue, Message message) throws InterruptedException {
        if (number >= gatedFrom && gate(key).getCount() > 0) {
            WAITING.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (!gate(key).await(30, TimeUnit.SECONDS)) {
                return false;
            }
        }
        done(key).add(number);
        return true;
    }
}
