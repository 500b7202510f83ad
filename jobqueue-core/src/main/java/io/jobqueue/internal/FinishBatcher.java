package io.jobqueue.internal;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes succeeded messages of one queue in batches without adding latency: the first thread to
 * finish becomes the flusher and finishes everything that piles up meanwhile in one
 * {@link Queue#finishAll} call per round (group commit). Idle, a finish is a single call at once.
 */
public final class FinishBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(FinishBatcher.class);
    private static final int MAX_BATCH = 500;

    private final Queue queue;
    private final Consumer<Message> afterFinish;
    private List<Message> pending = new ArrayList<>();
    private boolean flushing;

    /** @param afterFinish called for each message after its finish call returned (or failed) */
    public FinishBatcher(Queue queue, Consumer<Message> afterFinish) {
        this.queue = queue;
        this.afterFinish = afterFinish;
    }

    /** Finishes the message, now or with the batch in flight. */
    public void finish(Message message) {
        synchronized (this) {
            pending.add(message);
            if (flushing) {
                return;
            }
            flushing = true;
        }
        while (true) {
            List<Message> batch;
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
            finishBatch(batch);
        }
    }

    /** Waits until every message handed to {@link #finish} was finished. */
    public synchronized void awaitIdle() throws InterruptedException {
        while (flushing || !pending.isEmpty()) {
            wait();
        }
    }

    private void finishBatch(List<Message> batch) {
        List<String> ids = new ArrayList<>(batch.size());
        for (Message message : batch) {
            ids.add(message.id());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                queue.finishAll(ids);
                break;
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    LOG.error("Finishing {} messages of queue {} failed; they come back when their leases run out: {}",
                            ids.size(), queue.name(), e.toString());
                    break;
                }
                LOG.warn("Finishing {} messages of queue {} failed (attempt {}), retrying: {}", ids.size(), queue.name(), attempt, e.toString());
                Backoff.sleepQuietly(200L * attempt);
            }
        }
        for (Message message : batch) {
            afterFinish.accept(message);
        }
    }
}
