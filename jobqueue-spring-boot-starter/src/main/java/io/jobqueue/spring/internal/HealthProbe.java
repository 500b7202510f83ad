package io.jobqueue.spring.internal;

import io.jobqueue.Queue;
import io.jobqueue.QueueCounts;
import io.jobqueue.QueueManager;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Reads the counts of queues in bounded time, for the health contributor and the actuator endpoint:
 * every queue is read on a thread of its own, in parallel, and a queue that has not answered within
 * the timeout is reported as not reachable. A read that hangs is not started again while it hangs, so
 * a dead server costs one thread per queue, however often the health is asked. Errors are reported by
 * their one-line message only (the backends keep passwords out of their messages; user-info of URLs
 * is masked here as well), never with a stack trace.
 */
public final class HealthProbe implements AutoCloseable {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final int MAX_ERROR_LENGTH = 500;

    private final QueueManager queues;
    private final Duration timeout;
    private final ExecutorService executor;
    private final Map<String, Future<QueueState>> inFlight = new LinkedHashMap<>();

    /** The state of one queue as read now. */
    public record QueueState(String name, String backend, QueueCounts counts, String error) {

        /** Whether the queue's backend answered. */
        public boolean up() {
            return error == null;
        }

        /** The state as a map for JSON: status, backend, the counts or the error. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("status", up() ? "UP" : "DOWN");
            if (backend != null) {
                map.put("backend", backend);
            }
            if (counts != null) {
                map.put("ready", counts.ready());
                map.put("delayed", counts.delayed());
                map.put("reserved", counts.reserved());
                map.put("failed", counts.failed());
                counts.oldestReady().ifPresent(age -> map.put("oldestReadyAge", age.toString()));
            }
            if (error != null) {
                map.put("error", error);
            }
            return map;
        }
    }

    /**
     * @param queues  the queues to read
     * @param timeout the longest time one {@link #read} waits for all its queues
     */
    public HealthProbe(QueueManager queues, Duration timeout) {
        this.queues = Objects.requireNonNull(queues, "queues");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout of the JobQueue health must be positive, was " + timeout);
        }
        this.timeout = timeout;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "jobqueue-health-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The configured queue names. */
    public Collection<String> queueNames() {
        return queues.queueNames();
    }

    /** Every configured queue's state, in the order of the settings. */
    public Map<String, QueueState> readAll() {
        return read(queues.queueNames());
    }

    /** The states of these queues, read in parallel within the timeout. */
    public Map<String, QueueState> read(Collection<String> names) {
        Map<String, Future<QueueState>> futures = new LinkedHashMap<>();
        for (String name : names) {
            futures.put(name, start(name));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, QueueState> states = new LinkedHashMap<>();
        for (Map.Entry<String, Future<QueueState>> entry : futures.entrySet()) {
            String name = entry.getKey();
            try {
                states.put(name, entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                states.put(name, new QueueState(name, backendName(name), null, "no answer from the backend within " + seconds(timeout)));
            } catch (ExecutionException e) {
                states.put(name, new QueueState(name, backendName(name), null, message(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                states.put(name, new QueueState(name, backendName(name), null, "interrupted while reading the counts"));
            }
        }
        return states;
    }

    /** The read under way for this queue (one that hangs is not started twice), or a new one. */
    private synchronized Future<QueueState> start(String name) {
        Future<QueueState> future = inFlight.get(name);
        if (future == null || future.isDone()) {
            future = executor.submit(() -> readOne(name));
            inFlight.put(name, future);
        }
        return future;
    }

    private QueueState readOne(String name) {
        Queue queue = queues.getQueue(name);
        String backend = queue.capabilities().backend();
        try {
            return new QueueState(name, backend, queue.counts(), null);
        } catch (RuntimeException e) {
            return new QueueState(name, backend, null, message(e));
        }
    }

    /** The backend of a queue that is built, else its configured class name; null when not even that can be read. */
    private String backendName(String name) {
        try {
            return queues.capabilities(name).map(c -> c.backend()).orElseGet(() -> queues.getQueueSettings(name).className());
        } catch (RuntimeException e) {
            try {
                return queues.getQueueSettings(name).className();
            } catch (RuntimeException again) {
                return null;
            }
        }
    }

    /** A throwable's message, on one line, without user-info in URLs; its class name when it has none. */
    public static String message(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        message = USER_INFO.matcher(message.strip().replaceAll("\\s*\\R\\s*", " ")).replaceAll("***@");
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) + "…" : message;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    /** Stops the reading threads. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
