package io.jobqueue.bench;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;

/**
 * The job the benchmark queues: it does nothing but tell the in-process {@link Recorder} that it
 * started, so what is measured is the queue and the job pipeline, not the work.
 *
 * <p>{@code seq} identifies the job within the whole benchmark process: the high 32 bits are the
 * round (one batch of jobs whose executions are counted together), the low 32 bits the job's
 * index within it. {@code submittedNanos} is {@link System#nanoTime()} just before the job was
 * handed to the job manager, in this JVM; the worker runs in the same JVM, so start minus submit
 * is the enqueue-to-start latency.
 */
public final class NoopJob implements Job {

    private long seq;
    private long submittedNanos;

    /** For Jackson. */
    public NoopJob() {
    }

    NoopJob(long seq, long submittedNanos) {
        this.seq = seq;
        this.submittedNanos = submittedNanos;
    }

    /** The sequence number of job {@code index} of a round. */
    static long seq(int round, int index) {
        return ((long) round << 32) | (index & 0xFFFF_FFFFL);
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        Recorder.started(seq, submittedNanos);
        return true;
    }

    @Override
    public String label() {
        return "NoopJob #" + (seq >>> 32) + "/" + (int) seq;
    }
}
