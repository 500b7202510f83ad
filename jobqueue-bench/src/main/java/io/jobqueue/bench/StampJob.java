package io.jobqueue.bench;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.time.Instant;

/**
 * The job of {@link StartsCheck}: it prints {@code start <index> <epoch microseconds>} on the
 * standard output of the worker process that runs it, for the parent to count starts per window
 * across processes (the wall clock, the one clock the processes share).
 */
public final class StampJob implements Job {

    private int index;

    /** For Jackson. */
    public StampJob() {
    }

    StampJob(int index) {
        this.index = index;
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        synchronized (System.out) {
            System.out.println("start " + index + " " + micros);
            System.out.flush();
        }
        return true;
    }
}
