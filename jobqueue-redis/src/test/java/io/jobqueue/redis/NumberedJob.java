package io.jobqueue.redis;

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
 * A test job that writes down its number under a run's name when it has run. Jobs from
 * {@code gateFrom} on first wait at the run's gate (at most 30 s) until the test opens it, so a
 * test can hold jobs in the middle of their work.
 */
final class NumberedJob implements Job {

    private static final Map<String, Set<Integer>> DONE = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> WAITING = new ConcurrentHashMap<>();

    private String run;
    private int number;
    private int gateFrom;

    private NumberedJob() {
    }

    NumberedJob(String run, int number, int gateFrom) {
        this.run = run;
        this.number = number;
        this.gateFrom = gateFrom;
    }

    @Override
    public boolean execute(Queue queue, Message message) throws InterruptedException {
        if (number >= gateFrom) {
            waiting(run).incrementAndGet();
            gate(run).await(30, TimeUnit.SECONDS);
        }
        done(run).add(number);
        return true;
    }

    /** The numbers of the jobs of this run that have run, at least once each. */
    static Set<Integer> done(String run) {
        return DONE.computeIfAbsent(run, k -> ConcurrentHashMap.newKeySet());
    }

    /** How many jobs of this run reached the gate so far. */
    static AtomicInteger waiting(String run) {
        return WAITING.computeIfAbsent(run, k -> new AtomicInteger());
    }

    /** Lets every job of this run pass its gate, now and later. */
    static void openGate(String run) {
        gate(run).countDown();
    }

    private static CountDownLatch gate(String run) {
        return GATES.computeIfAbsent(run, k -> new CountDownLatch(1));
    }
}
