package io.jobqueue.internal;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.Backoff;
import io.jobqueue.spi.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way reserved messages of a queue are finished, released and aborted. Completions are
 * batched without adding latency: the first thread to complete becomes the flusher and sends
 * everything that piles up meanwhile in one call per kind (group commit); idle, a completion is a
 * single call at once. A call that fails is retried with backoff until the batch's earliest lease
 * is about to run out, not a fixed number of times, so a short outage of the server does not make
 * finished jobs run again. Thread-safe.
 */
public final class Completer {

    /** What to do with a reserved message. */
    public enum Kind { FINISH, RELEASE, ABORT }

    /** Told once per completion: whether the backend did it (false: the reservation was over, or the server stayed away). */
    public interface Done {
        void completed(boolean done);
    }

    /**
     * One message to complete.
     *
     * @param kind           finish, release or abort
     * @param message        the reserved message, with its token
     * @param releaseOptions for a release
     * @param reason         for an abort
     * @param heldUntil      until when the worker holds its lease (read at each retry, since renewals go on)
     * @param done           told once the completion is over
     */
    public record Completion(Kind kind, Message message, ReleaseOptions releaseOptions, String reason,
            LongSupplier heldUntil, Done done) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Completer.class);
    private static final int MAX_BATCH = 500;
    /** Stop retrying this long before the lease ends: a completion that lands later would be refused anyway. */
    private static final long MARGIN_NANOS = Duration.ofMillis(500).toNanos();

    private final Queue queue;
    private final LongSupplier nanoTime;
    private List<Completion> pending = new ArrayList<>();
    private boolean flushing;

    public Completer(Queue queue, LongSupplier nanoTime) {
        this.queue = queue;
        this.nanoTime = nanoTime;
    }

    /** Completes the message now, or with the batch in flight; the callback tells when it is over. */
    public void complete(Completion completion) {
        synchronized (this) {
            pending.add(completion);
            if (flushing) {
                return;
            }
            flushing = true;
        }
        while (true) {
            List<Completion> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    flushing = false;
                    notifyAll();
                    return;
                }
                if (pending.size() <= MAX_BATCH) {
                    batch = pending;
                    pending = new ArrayList<>();
                } else {
                    batch = new ArrayList<>(pending.subList(0, MAX_BATCH));
                    pending.subList(0, MAX_BATCH).clear();
                }
            }
            for (List<Completion> group : groups(batch)) {
                send(group);
            }
        }
    }

    /** Waits until every completion handed in is over. */
    public synchronized void awaitIdle() throws InterruptedException {
        while (flushing || !pending.isEmpty()) {
            wait();
        }
    }

    /** The batch split into calls: finishes, aborts, and releases by their options. */
    private static Iterable<List<Completion>> groups(List<Completion> batch) {
        Map<Object, List<Completion>> groups = new LinkedHashMap<>();
        for (Completion completion : batch) {
            Object key = completion.kind() == Kind.RELEASE ? completion.releaseOptions() : completion.kind();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(completion);
        }
        return groups.values();
    }

    private void send(List<Completion> group) {
        Kind kind = group.get(0).kind();
        List<Message> messages = new ArrayList<>(group.size());
        for (Completion completion : group) {
            messages.add(completion.message());
        }
        Set<String> done;
        try {
            done = Retry.untilDeadline(earliest(group) - MARGIN_NANOS, nanoTime, new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2)),
                    (attempt, e) -> {
                        if (attempt == 1 || attempt % 10 == 0) {
                            LOG.warn("{} of {} messages of queue {} failed (attempt {}); retrying while their leases hold: {}",
                                    verb(kind), messages.size(), queue.name(), attempt, e.toString());
                        }
                    },
                    () -> call(kind, group, messages));
        } catch (RuntimeException e) {
            LOG.error("{} of {} messages of queue {} failed until their leases were about to run out; they come back when the"
                    + " leases end: {}", verb(kind), messages.size(), queue.name(), e.toString());
            done = Set.of();
        }
        for (Completion completion : group) {
            completion.done().completed(done.contains(completion.message().id()));
        }
    }

    private long earliest(List<Completion> group) {
        long earliest = Long.MAX_VALUE;
        for (Completion completion : group) {
            long until = completion.heldUntil().getAsLong();
            if (earliest == Long.MAX_VALUE || until - earliest < 0) {
                earliest = until;
            }
        }
        return earliest;
    }

    private Set<String> call(Kind kind, List<Completion> group, List<Message> messages) {
        return switch (kind) {
            case FINISH -> queue.finishAll(messages);
            case RELEASE -> queue.releaseAll(messages, group.get(0).releaseOptions());
            case ABORT -> {
                List<Abort> aborts = new ArrayList<>(group.size());
                group.forEach(c -> aborts.add(new Abort(c.message(), c.reason())));
                yield queue.abortAll(aborts);
            }
        };
    }

    private static String verb(Kind kind) {
        return switch (kind) {
            case FINISH -> "Finishing";
            case RELEASE -> "Releasing";
            case ABORT -> "Aborting";
        };
    }
}
