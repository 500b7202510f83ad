package io.jobqueue.micrometer.internal;

import io.jobqueue.JobInterceptor;
import io.jobqueue.JobListener;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.Headers;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.LongTaskTimer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The counters and timers of a job manager's messages: a listener for the moves, an interceptor for
 * the execution time and for the wait, which it measures from a header it adds on submit
 * ({@value #SUBMITTED_AT_HEADER}, epoch milliseconds on the registry's clock).
 *
 * <p>Thread-safe; it runs on the threads that submit and execute, and costs a map lookup and a few
 * atomic adds per event. The wait is timed for a message's first delivery only (a retry would
 * measure the earlier runs and the release delay), and not at all for a message without the header,
 * with a value that is not a number, or from a submitter whose clock is ahead.
 */
public final class JobMeters implements JobListener, JobInterceptor {

    /** The header that carries the submit time in epoch milliseconds. */
    public static final String SUBMITTED_AT_HEADER = "jobqueue-submitted-at";

    private final OwnedMeters meters;
    private final QueueNames names;
    private final Clock clock;
    private final Map<String, QueueMeters> byQueue = new ConcurrentHashMap<>();

    public JobMeters(OwnedMeters meters, QueueNames names, Clock clock) {
        this.meters = meters;
        this.names = names;
        this.clock = clock;
    }

    /** Registers the meters of a configured queue now, so they show zero before its first event. */
    public void register(String queueName) {
        meters(queueName);
    }

    @Override
    public List<String> aroundSubmit(Queue queue, int count, SubmitOptions options, Submission submission) {
        boolean room = options.headers().containsKey(SUBMITTED_AT_HEADER) || options.headers().size() < Headers.MAX_COUNT;
        return submission.proceed(room ? options.withHeader(SUBMITTED_AT_HEADER, Long.toString(clock.wallTime())) : options);
    }

    @Override
    public boolean aroundExecution(Queue queue, Message message, Execution execution) throws Exception {
        QueueMeters queueMeters = meters(names.of(queue));
        recordWait(queueMeters, message);
        LongTaskTimer.Sample running = queueMeters.active.start();
        long start = clock.monotonicTime();
        boolean succeeded = false;
        try {
            succeeded = execution.proceed();
            return succeeded;
        } finally {
            long took = clock.monotonicTime() - start;
            (succeeded ? queueMeters.executionSuccess : queueMeters.executionFailure).record(took, TimeUnit.NANOSECONDS);
            running.stop();
        }
    }

    @Override
    public void messageSubmitted(Queue queue, String messageId, String payload, SubmitOptions options) {
        meters(names.of(queue)).submitted.increment();
    }

    @Override
    public void messageFinished(Queue queue, Message message) {
        meters(names.of(queue)).finished.increment();
    }

    @Override
    public void messageReleased(Queue queue, Message message, ReleaseOptions releaseOptions, Throwable cause) {
        meters(names.of(queue)).released.increment();
    }

    @Override
    public void messageFailed(Queue queue, Message message, Throwable cause) {
        meters(names.of(queue)).failed.increment();
    }

    private void recordWait(QueueMeters queueMeters, Message message) {
        if (message.numberOfDeliveries() > 1) {
            return;
        }
        long submittedAt = submittedAt(message.headers().get(SUBMITTED_AT_HEADER));
        long waited = clock.wallTime() - submittedAt;
        if (submittedAt >= 0 && waited >= 0) {
            queueMeters.wait.record(waited, TimeUnit.MILLISECONDS);
        }
    }

    /** The submit time the header holds, or -1 when it is missing or malformed. */
    static long submittedAt(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private QueueMeters meters(String queueName) {
        QueueMeters queueMeters = byQueue.get(queueName);
        return queueMeters != null ? queueMeters : byQueue.computeIfAbsent(queueName, name -> new QueueMeters(meters, name));
    }
}
