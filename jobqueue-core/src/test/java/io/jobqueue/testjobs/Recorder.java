package io.jobqueue.testjobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Where test jobs write down that they ran, keyed by a name unique to each test. */
public final class Recorder {

    private static final Map<String, List<String>> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private Recorder() {
    }

    public static void record(String key, String value) {
        RUNS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    public static List<String> runs(String key) {
        return RUNS.getOrDefault(key, List.of());
    }

    public static int nextAttempt(String key) {
        return ATTEMPTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
}
