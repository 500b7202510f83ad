package io.jobqueue.internal;

import io.jobqueue.Job;
import org.slf4j.MDC;

/**
 * The SLF4J MDC entries of one message while the job manager runs its job or logs about it:
 * {@value #QUEUE}, {@value #MESSAGE_ID} and, once the job is read, {@value #JOB}. Closing puts back
 * what the thread's MDC held before, so contexts nest. Not thread-safe: one thread, opened and
 * closed in a try-with-resources.
 */
public final class JobContext implements AutoCloseable {

    public static final String QUEUE = "jobqueue.queue";
    public static final String MESSAGE_ID = "jobqueue.messageId";
    public static final String JOB = "jobqueue.job";
    private static final int MAX_LABEL = 200;

    private final String previousQueue;
    private final String previousId;
    private final String previousJob;

    private JobContext() {
        previousQueue = MDC.get(QUEUE);
        previousId = MDC.get(MESSAGE_ID);
        previousJob = MDC.get(JOB);
    }

    /** Puts the queue's configured name and the message id into this thread's MDC. */
    public static JobContext enter(String queueName, String messageId) {
        JobContext context = new JobContext();
        MDC.put(QUEUE, queueName);
        MDC.put(MESSAGE_ID, messageId);
        MDC.remove(JOB);
        return context;
    }

    /** Runs {@code action} with the message's entries in this thread's MDC (for log lines about it). */
    public static void during(String queueName, String messageId, Runnable action) {
        JobContext context = enter(queueName, messageId);
        try {
            action.run();
        } finally {
            context.close();
        }
    }

    /** Adds the job's label (cut to 200 characters); a label that throws is left out. */
    public void label(Job job) {
        String label;
        try {
            label = job.label();
        } catch (RuntimeException e) {
            return;
        }
        if (label != null) {
            MDC.put(JOB, label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL - 1) + "…" : label);
        }
    }

    @Override
    public void close() {
        restore(QUEUE, previousQueue);
        restore(MESSAGE_ID, previousId);
        restore(JOB, previousJob);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
