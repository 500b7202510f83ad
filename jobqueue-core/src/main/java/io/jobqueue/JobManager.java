package io.jobqueue;

import io.jobqueue.internal.Completer;
import io.jobqueue.internal.Interceptors;
import io.jobqueue.internal.IsolatedExecution;
import io.jobqueue.internal.JobContext;
import io.jobqueue.internal.Listeners;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
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
 * happen before listeners are told, through one completer per queue that batches them and retries
 * backend errors while the lease holds. A worker's death is not a failure of the job: the message
 * comes back with one more delivery, and only a message delivered more than
 * {@code maximumNumberOfDeliveries} times (default 10) without an outcome is aborted unrun; a
 * payload that cannot be read is aborted with the reason.
 *
 * <p>Whatever a job throws counts as its failure, {@link Error}s included ({@code OutOfMemoryError},
 * {@code InternalError}, an application's own): the reason kept is the throwable's class and message,
 * e.g. {@code OutOfMemoryError: Java heap space}. What no JVM survives (a job calling
 * {@code System.exit}, a crash) is left to the lease; {@code executeIsolated} contains it.
 *
 * <p>While a job runs, and while the job manager logs about its message, the SLF4J MDC holds
 * {@code jobqueue.queue} (the configured queue name), {@code jobqueue.messageId} and
 * {@code jobqueue.job} (the job's {@link Job#label() label}, for jobs run in this JVM), so the
 * application's log lines can be tied to the job (e.g. {@code %X{jobqueue.messageId}} in a Logback
 * pattern). {@link JobInterceptor}s wrap every submit and execution.
 *
 * <p>Thread-safe; one instance serves the whole application.
 */
public final class JobManager {

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final QueueManager queueManager;
    private final JobSerializer serializer;
    private final Listeners listeners = new Listeners();
    private final Interceptors interceptors = new Interceptors();
    private final Map<String, Completer> completers = new ConcurrentHashMap<>();
    private final LongSupplier ticker;

    public JobManager(QueueManager queueManager) {
        this(queueManager, JobSerializer.defaultSerializer());
    }

    public JobManager(QueueManager queueManager, JobSerializer serializer) {
        this(queueManager, serializer, System::nanoTime);
    }

    /**
     * A job manager whose workers measure leases on {@code ticker} (nanoseconds, as
     * {@link System#nanoTime()}); tests give a ticker they move by hand.
     */
    public JobManager(QueueManager queueManager, JobSerializer serializer, LongSupplier ticker) {
        this.queueManager = queueManager;
        this.serializer = serializer;
        this.ticker = ticker;
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

    /** Adds an interceptor around every later submit and execution; see {@link JobInterceptor}. */
    public JobManager addInterceptor(JobInterceptor interceptor) {
        interceptors.add(interceptor);
        return this;
    }

    public void removeInterceptor(JobInterceptor interceptor) {
        interceptors.remove(interceptor);
    }

    /**
     * Adds every interceptor listed in {@code META-INF/services/io.jobqueue.JobInterceptor} that
     * {@code classLoader} finds (as {@link java.util.ServiceLoader} does), in the order found; the
     * {@code jobqueue} command does this with its class path, so an instrumentation module on
     * {@code --classpath} works in {@code job:work}. Returns the interceptors added.
     */
    public List<JobInterceptor> addDiscoveredInterceptors(ClassLoader classLoader) {
        List<JobInterceptor> found = new ArrayList<>();
        java.util.ServiceLoader.load(JobInterceptor.class, classLoader).forEach(found::add);
        found.forEach(interceptors::add);
        return found;
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
        SubmitOptions[] used = {options};
        String id = interceptors.submit(queue, 1, options, o -> {
            used[0] = o;
            return List.of(queue.submit(payload, o));
        }).get(0);
        listeners.messageSubmitted(queue, id, payload, used[0]);
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
        SubmitOptions[] used = {options};
        List<String> ids = interceptors.submit(queue, payloads.size(), options, o -> {
            used[0] = o;
            return queue.submitAll(payloads, o);
        });
        for (int i = 0; i < ids.size(); i++) {
            listeners.messageSubmitted(queue, ids.get(i), payloads.get(i), used[0]);
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
        long requestedAt = ticker.getAsLong();
        Optional<Message> reserved = queue.waitAndReserve(timeout);
        if (reserved.isEmpty()) {
            listeners.messageTimeout(queue);
            return Optional.empty();
        }
        Message message = reserved.get();
        long heldUntil = requestedAt + queue.leaseTimeout().toNanos();
        ExecutionResult result = execute(queueName, message, () -> true);
        CompletableFuture<Boolean> completed = new CompletableFuture<>();
        complete(queueName, result, () -> heldUntil, completed::complete);
        completed.join();
        if (result.succeeded()) {
            return reserved;
        }
        throw failure(queueName, queue, result);
    }

    /**
     * Runs the job of a reserved message and decides its outcome, without touching the queue: the
     * caller hands the result to {@link #complete}. An isolated job whose lease is lost (before it
     * starts, or while its child runs; the worker kills that child) is
     * {@link ExecutionResult.Outcome#ABANDONED}, since the message is someone else's now. In-JVM
     * jobs are not affected.
     */
    ExecutionResult execute(String queueName, Message message, BooleanSupplier leaseHeld) {
        try (JobContext context = JobContext.enter(queueName, message.id())) {
            return decide(queueName, message, leaseHeld, context);
        }
    }

    private ExecutionResult decide(String queueName, Message message, BooleanSupplier leaseHeld, JobContext context) {
        Queue queue = queueManager.getQueue(queueName);
        QueueSettings settings = queueManager.getQueueSettings(queueName);
        int maximumReleases = settings.maximumNumberOfReleasesOrDefault();
        int maximumDeliveries = settings.maximumNumberOfDeliveriesOrDefault();
        listeners.messageReserved(queue, message);
        if (message.numberOfDeliveries() > maximumDeliveries) {
            JobQueueException cause = new JobQueueException("message was delivered " + message.numberOfDeliveries()
                    + " times, more than maximumNumberOfDeliveries " + maximumDeliveries + ", without an outcome: its"
                    + " workers died or lost its lease each time (a job that ends the JVM, say with System.exit or by"
                    + " running out of memory, does that); not running it again", queue.name(), message.id(), null);
            return new ExecutionResult(message, ExecutionResult.Outcome.FAILED, cause);
        }
        boolean isolated = settings.isolated();
        if (isolated && !leaseHeld.getAsBoolean()) {
            return new ExecutionResult(message, ExecutionResult.Outcome.ABANDONED, null);
        }
        Throwable cause;
        try {
            boolean success = interceptors.execute(queue, message, isolated
                    ? () -> IsolatedExecution.run(queueName, settings, message)
                    : () -> {
                        Job job = serializer.deserialize(message.payload());
                        context.label(job);
                        return job.execute(queue, message);
                    });
            if (isolated && !leaseHeld.getAsBoolean()) {
                return new ExecutionResult(message, ExecutionResult.Outcome.ABANDONED, null);
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
            return new ExecutionResult(message, ExecutionResult.Outcome.ABANDONED, cause);
        }
        if (!(cause instanceof UnreadablePayloadException) && message.numberOfReleases() < maximumReleases) {
            return new ExecutionResult(message, ExecutionResult.Outcome.RELEASED, cause);
        }
        return new ExecutionResult(message, ExecutionResult.Outcome.FAILED, cause);
    }

    /**
     * Finishes, releases or aborts the message of a decided result through the queue's
     * {@link Completer} (batched, retried while the lease holds), then logs and tells listeners.
     *
     * @param heldUntil until when the caller holds the message's lease, on the ticker
     * @param done      told whether the backend did it
     */
    void complete(String queueName, ExecutionResult result, LongSupplier heldUntil, Completer.Done done) {
        Queue queue = queueManager.getQueue(queueName);
        Message message = result.message();
        Completer completer = completer(queueName);
        switch (result.outcome()) {
            case SUCCEEDED -> completer.complete(new Completer.Completion(Completer.Kind.FINISH, message, null, null, heldUntil,
                    finished -> {
                        if (finished) {
                            listeners.messageFinished(queue, message);
                        }
                        done.completed(finished);
                    }));
            case RELEASED -> {
                ReleaseOptions releaseOptions = queueManager.releaseOptions(queueName);
                completer.complete(new Completer.Completion(Completer.Kind.RELEASE, message, releaseOptions, null, heldUntil,
                        released -> {
                            JobContext.during(queueName, message.id(), () -> {
                                int maximumReleases = queueManager.getQueueSettings(queueName).maximumNumberOfReleasesOrDefault();
                                LOG.info("Job in message {} of queue {} failed ({}/{} trials), released: {}", message.id(),
                                        queue.name(), message.numberOfReleases() + 1, maximumReleases + 1, result.cause().toString());
                                listeners.messageReleased(queue, message, releaseOptions, result.cause());
                            });
                            done.completed(released);
                        }));
            }
            case FAILED -> completer.complete(new Completer.Completion(Completer.Kind.ABORT, message, null, reason(result.cause()),
                    heldUntil, aborted -> {
                        JobContext.during(queueName, message.id(), () -> {
                            LOG.warn("Job in message {} of queue {} failed for good, aborted: {}", message.id(), queue.name(),
                                    result.cause().toString());
                            listeners.messageFailed(queue, message, result.cause());
                        });
                        done.completed(aborted);
                    }));
            case ABANDONED -> {
                JobContext.during(queueName, message.id(), () -> {
                    LOG.warn("Lease of message {} of queue {} was lost; its isolated job was stopped or not started, and the"
                            + " message is left to its next holder{}", message.id(), queue.name(),
                            result.cause() == null ? "" : " (the job ended with: " + result.cause() + ")");
                });
                done.completed(false);
            }
        }
    }

    /**
     * Gives back messages that were reserved ahead and never started (a stopping worker): ready
     * again at once, their release counts unchanged.
     */
    void giveBack(String queueName, Message message, LongSupplier heldUntil, Completer.Done done) {
        completer(queueName).complete(new Completer.Completion(Completer.Kind.RELEASE, message, ReleaseOptions.GIVE_BACK, null,
                heldUntil, done));
    }

    /** The one completer of a queue, made on its first completion. */
    private Completer completer(String queueName) {
        Completer completer = completers.get(queueName);
        return completer != null ? completer
                : completers.computeIfAbsent(queueName, name -> new Completer(queueManager.getQueue(name), ticker));
    }

    /** Tells listeners that a wait ended without a message. */
    void timedOut(Queue queue) {
        listeners.messageTimeout(queue);
    }

    /** Waits until every completion of the queue was sent. */
    void awaitCompletions(String queueName) throws InterruptedException {
        Completer completer = completers.get(queueName);
        if (completer != null) {
            completer.awaitIdle();
        }
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
    private JobExecutionException failure(String queueName, Queue queue, ExecutionResult result) {
        int maximumReleases = queueManager.getQueueSettings(queueName).maximumNumberOfReleasesOrDefault();
        return JobExecutionException.of(queue.name(), result.message(), maximumReleases,
                result.outcome() == ExecutionResult.Outcome.RELEASED, result.cause());
    }

    /** The reason kept with a failed message: the throwable's class and message (an isolated job's message is that already). */
    private static String reason(Throwable cause) {
        String text = cause instanceof IsolatedJobException ? cause.getMessage()
                : cause.getMessage() == null ? cause.getClass().getName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return text.length() > 2000 ? text.substring(0, 1999) + "…" : text;
    }

    /** The ticker leases are measured on. */
    LongSupplier ticker() {
        return ticker;
    }
}
