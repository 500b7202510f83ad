package io.jobqueue;

import io.jobqueue.internal.IsolatedExecution;
import io.jobqueue.internal.Listeners;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues jobs and executes reserved messages: serializes a job into a payload on
 * {@link #queue}, and on {@link #waitAndExecute} reserves a message, runs its job (in this JVM or,
 * with {@code executeIsolated}, in a child JVM) and finishes, releases or aborts it.
 *
 * <p>The policy is the original's: a job that returns false or throws is released with the queue's
 * {@code releaseOptions} while the message's release count is below the queue's
 * {@code maximumNumberOfReleases}, else aborted (kept as failed with the reason). Release and abort
 * happen before listeners are told. A message reserved with a release count already past the limit
 * (its lease ran out while a job kept killing its worker) is aborted without running; a payload that
 * cannot be read is aborted with the reason.
 *
 * <p>Whatever a job throws counts as its failure, {@link Error}s included ({@code OutOfMemoryError},
 * {@code InternalError}, an application's own): the reason kept is the throwable's class and message,
 * e.g. {@code OutOfMemoryError: Java heap space}. What no JVM survives (a job calling
 * {@code System.exit}, a crash) is left to the lease; {@code executeIsolated} contains it.
 *
 * <p>Thread-safe; one instance serves the whole application.
 */
public final class JobManager {

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final QueueManager queueManager;
    private final JobSerializer serializer;
    private final Listeners listeners = new Listeners();

    public JobManager(QueueManager queueManager) {
        this(queueManager, JobSerializer.defaultSerializer());
    }

    public JobManager(QueueManager queueManager, JobSerializer serializer) {
        this.queueManager = queueManager;
        this.serializer = serializer;
    }

    public QueueManager queueManager() {
        return queueManager;
    }

    public JobSerializer serializer() {
        return serializer;
    }

    /** Adds a listener; see {@link JobListener} for threads and errors. */
    public JobManager addListener(JobListener listener) {
        listeners.add(listener);
        return this;
    }

    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /** Submits a job to the queue with that configured name and returns the message id. */
    public String queue(String queueName, Job job) {
        return queue(queueName, job, SubmitOptions.DEFAULT);
    }

    /**
     * Submits a job with options (delay, priority, backend extras) and returns the message id.
     *
     * @throws JobSerializationException before anything is submitted, when the job cannot be
     *                                   written or a worker could not read its payload back
     */
    public String queue(String queueName, Job job, SubmitOptions options) {
        Queue queue = queueManager.getQueue(queueName);
        String payload = serializer.serialize(job);
        String id = queue.submit(payload, options);
        listeners.messageSubmitted(queue, id, payload, options);
        return id;
    }

    /**
     * Submits many jobs in one batch where the backend allows it; returns the ids in order.
     *
     * @throws JobSerializationException before anything is submitted, when any one of the jobs
     *                                   cannot be written or a worker could not read it back
     */
    public List<String> queueAll(String queueName, List<? extends Job> jobs, SubmitOptions options) {
        Queue queue = queueManager.getQueue(queueName);
        List<String> payloads = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            payloads.add(serializer.serialize(job));
        }
        List<String> ids = queue.submitAll(payloads, options);
        for (int i = 0; i < ids.size(); i++) {
            listeners.messageSubmitted(queue, ids.get(i), payloads.get(i), options);
        }
        return ids;
    }

    /**
     * Reserves one message, runs its job and finishes, releases or aborts it.
     *
     * @param timeout how long to wait; null for the queue's default, zero to poll once
     * @return the message, or empty when none came before the timeout
     * @throws JobExecutionException when the job failed (after the message was released or aborted)
     */
    public Optional<Message> waitAndExecute(String queueName, Duration timeout) {
        Queue queue = queueManager.getQueue(queueName);
        Optional<Message> reserved = queue.waitAndReserve(timeout);
        if (reserved.isEmpty()) {
            listeners.messageTimeout(queue);
            return Optional.empty();
        }
        Message message = reserved.get();
        ExecutionResult result = execute(queueName, message);
        if (result.succeeded()) {
            queue.finish(message.id());
            finished(queue, message);
            return reserved;
        }
        throw failure(queueName, queue, result);
    }

    /**
     * Runs the job of a reserved message and, when it fails, releases or aborts the message and
     * tells listeners. On success the message is <em>not</em> finished: the caller finishes it
     * (perhaps in a batch) and then calls {@link #finished}. Used by the {@link Worker}.
     */
    public ExecutionResult execute(String queueName, Message message) {
        return execute(queueName, message, () -> true);
    }

    /**
     * {@link #execute(String, Message)} for a worker that knows whether it still holds the
     * message's lease: an isolated job whose lease is lost (before it starts, or while its child
     * runs; the worker kills that child) is {@link ExecutionResult.Outcome#ABANDONED}, neither
     * finished, released nor aborted, since the message is someone else's now. In-JVM jobs are
     * not affected.
     */
    ExecutionResult execute(String queueName, Message message, BooleanSupplier leaseHeld) {
        Queue queue = queueManager.getQueue(queueName);
        QueueSettings settings = queueManager.getQueueSettings(queueName);
        int maximumReleases = settings.maximumNumberOfReleasesOrDefault();
        listeners.messageReserved(queue, message);
        if (message.numberOfReleases() > maximumReleases) {
            JobQueueException cause = new JobQueueException("message was released " + message.numberOfReleases()
                    + " times, more than maximumNumberOfReleases " + maximumReleases
                    + " (its lease ran out while the job ran); not running it again", queue.name(), message.id(), null);
            return abort(queue, message, cause);
        }
        boolean isolated = settings.isolated();
        if (isolated && !leaseHeld.getAsBoolean()) {
            return abandoned(queue, message, null);
        }
        Throwable cause;
        try {
            boolean success = isolated
                    ? IsolatedExecution.run(queueName, settings, message)
                    : executeInThisJvm(queue, message);
            if (isolated && !leaseHeld.getAsBoolean()) {
                return abandoned(queue, message, null);
            }
            if (success) {
                return new ExecutionResult(message, ExecutionResult.Outcome.SUCCEEDED, null);
            }
            cause = new JobQueueException("execute() of job in message " + message.id() + " did not return true",
                    queue.name(), message.id(), null);
        } catch (Throwable e) { // every Throwable: an OutOfMemoryError or a job's own Error is a failure too
            cause = e;
        }
        if (isolated && !leaseHeld.getAsBoolean()) {
            return abandoned(queue, message, cause);
        }
        if (cause instanceof UnreadablePayloadException) {
            return abort(queue, message, cause);
        }
        if (message.numberOfReleases() < maximumReleases) {
            ReleaseOptions releaseOptions = queueManager.releaseOptions(queueName);
            queue.release(message.id(), releaseOptions);
            LOG.info("Job in message {} of queue {} failed ({}/{} trials), released: {}", message.id(), queue.name(),
                    message.numberOfReleases() + 1, maximumReleases + 1, cause.toString());
            listeners.messageReleased(queue, message, releaseOptions, cause);
            return new ExecutionResult(message, ExecutionResult.Outcome.RELEASED, cause);
        }
        return abort(queue, message, cause);
    }

    /** Tells listeners that a message was finished; see {@link #execute}. */
    public void finished(Queue queue, Message message) {
        listeners.messageFinished(queue, message);
    }

    /** Tells listeners that a wait ended without a message. */
    public void timedOut(Queue queue) {
        listeners.messageTimeout(queue);
    }

    /**
     * Runs the job of a message in this JVM; what {@code job:execute} runs in an isolated child.
     *
     * @return what the job returned
     * @throws UnreadablePayloadException when the payload is not a job
     */
    public boolean executeInThisJvm(Queue queue, Message message) throws Exception {
        Job job = serializer.deserialize(message.payload());
        return job.execute(queue, message);
    }

    /** The next ready jobs of a queue, without reserving them (for {@code job:list}). */
    public List<Job> peek(String queueName, int limit) {
        Queue queue = queueManager.getQueue(queueName);
        List<Job> jobs = new ArrayList<>();
        for (Message message : queue.peek(limit)) {
            jobs.add(serializer.deserialize(message.payload()));
        }
        return jobs;
    }

    /** The exception {@link #waitAndExecute} throws for a failed execution, in the original's words. */
    public JobExecutionException failure(String queueName, Queue queue, ExecutionResult result) {
        Message message = result.message();
        int maximumReleases = queueManager.getQueueSettings(queueName).maximumNumberOfReleasesOrDefault();
        boolean released = result.outcome() == ExecutionResult.Outcome.RELEASED;
        String text = "Job execution for job (message: \"" + message.id() + "\", queue: \"" + queue.name() + "\") failed ("
                + (message.numberOfReleases() + 1) + "/" + (maximumReleases + 1) + " trials) - "
                + (released ? "RELEASE" : "ABORTING");
        return new JobExecutionException(text, queue.name(), message.id(), released, result.cause());
    }

    private ExecutionResult abandoned(Queue queue, Message message, Throwable cause) {
        LOG.warn("Lease of message {} of queue {} was lost; its isolated job was stopped or not started, and the message is "
                + "left to its next holder{}", message.id(), queue.name(), cause == null ? "" : " (the job ended with: " + cause + ")");
        return new ExecutionResult(message, ExecutionResult.Outcome.ABANDONED, cause);
    }

    private ExecutionResult abort(Queue queue, Message message, Throwable cause) {
        queue.abort(message.id(), reason(cause));
        LOG.warn("Job in message {} of queue {} failed for good, aborted: {}", message.id(), queue.name(), cause.toString());
        listeners.messageFailed(queue, message, cause);
        return new ExecutionResult(message, ExecutionResult.Outcome.FAILED, cause);
    }

    /** The reason kept with a failed message: the throwable's class and message (an isolated job's message is that already). */
    private static String reason(Throwable cause) {
        String text = cause instanceof IsolatedJobException ? cause.getMessage()
                : cause.getMessage() == null ? cause.getClass().getName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return text.length() > 2000 ? text.substring(0, 1999) + "…" : text;
    }
}
