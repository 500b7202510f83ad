package io.jobqueue.micrometer.internal;

/** The names, tags and tag values of every meter this module registers; {@code docs/metrics.md} lists them. */
public final class MeterNames {

    public static final String PREFIX = "jobqueue.";

    public static final String SUBMITTED = "jobqueue.messages.submitted";
    public static final String FINISHED = "jobqueue.messages.finished";
    public static final String RELEASED = "jobqueue.messages.released";
    public static final String FAILED = "jobqueue.messages.failed";
    public static final String EXECUTION = "jobqueue.execution";
    public static final String EXECUTION_ACTIVE = "jobqueue.execution.active";
    public static final String WAIT = "jobqueue.wait";
    public static final String QUEUE_MESSAGES = "jobqueue.queue.messages";
    public static final String QUEUE_OLDEST_READY_AGE = "jobqueue.queue.oldest.ready.age";
    public static final String WORKER_JOBS = "jobqueue.worker.jobs";
    public static final String WORKER_RUNNING = "jobqueue.worker.running";

    public static final String TAG_QUEUE = "queue";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_STATE = "state";
    public static final String TAG_WORKER = "worker";

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    public static final String BASE_UNIT_MESSAGES = "messages";

    private MeterNames() {
    }
}
