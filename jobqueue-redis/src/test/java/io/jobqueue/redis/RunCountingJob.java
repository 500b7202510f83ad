package io.jobqueue.redis;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test job that counts every run of its number under a run's name, works for a while, and writes
 * down when it ended (System.nanoTime), so a test can tell how often each job ran and whether jobs
 * ended inside a time window.
 */
final class RunCountingJob implements Job {

    private static final Map<String, Map<Integer, AtomicInteger>> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, List<Long>> ENDS = new ConcurrentHashMap<>();

    private String run;
    private int number;
    private long workMillis;

    private RunCountingJob() {
    }

    RunCountingJob(String run, int number, long workMillis) {
        this.run = run;
        this.number = number;
        this.workMillis = workMillis;
    }

    @Override
    public boolean execute(Queue queue, Message message) throws InterruptedException {
        runs(run).computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(workMillis);
        ends(run).add(System.nanoTime());
        return true;
    }

    /** How often each job number of this run started. */
    static Map<Integer, AtomicInteger> runs(String run) {
        return RUNS.computeIfAbsent(run, k -> new ConcurrentHashMap<>());
    }

    /** When the jobs of this run ended, in System.nanoTime. */
    static List<Long> ends(String run) {
        return ENDS.computeIfAbsent(run, k -> new CopyOnWriteArrayList<>());
    }
}
