package io.jobqueue;

import io.jobqueue.internal.Completer;
import io.jobqueue.internal.Interceptors;
import io.jobqueue.internal.IsolatedExecution;
import io.jobqueue.internal.JobContext;
import io.jobqueue.internal.JobTimeouts;
import io.jobqueue.internal.Listeners;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues jobs and executes reserved messages: serializes a job into a payload on
 * {@link #queue}, and on {@link #waitAndExecute} reserves a message, runs its job (in this JVM or,
 * with {@code executeIsolated}, in a child JVM) and finishes, releases or aborts it.
 *
 * <p>The policy is the original's: a job that returns false or throws is released with the queue's
 * {@code releaseOptions} while the message's release count is below the queue's
 * {@code maximumNumberOfReleases}, else aborted (kept as failed with the reason). The delay of each
 * release comes from the job's {@link Job#retryPolicy()} or else the queue's
 * {@link QueueManager#retryPolicy} (exponential backoff unless the queue sets a {@code delay}); on a
 * backend that cannot delay a release ({@link Capability#DELAY}) the release is at once. Release and abort
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
    private final Set<String> toldNoDelay = ConcurrentHashMap.newKeySet();
    private final JobTimeouts timeouts = new JobTimeouts();

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

    /** The queue a submit goes to, refusing a null name or options with one line instead of a bare NullPointerException. */
    private Queue submitTarget(String queueName, SubmitOptions options) {
        if (queueName == null) {
            throw new IllegalArgumentException("the queue name of a submit is null; give the configured name of a queue ("
                    + String.join(", ", queueManager.queueNames()) + ")");
        }
        if (options == null) {
            throw new IllegalArgumentException("the options of a submit to queue '" + queueName + "' are null; give"
                    + " SubmitOptions.DEFAULT for none");
        }
        return queueManager.getQueue(queueName);
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
        return offer(queueName, job, options).id();
    }

    /**
     * Submits a job like {@link #queue(String, Job, SubmitOptions)} and says whether it was stored or
     * was a duplicate of the message holding its unique key ({@link SubmitOptions#withUniqueKey}); a
     * duplicate stores nothing, returns the existing message's id and tells no listener.
     *
     * @throws JobSerializationException before anything is submitted, when the job cannot be written
     */
    public Submitted offer(String queueName, Job job, SubmitOptions options) {
        Queue queue = submitTarget(queueName, options);
        if (job == null) {
            throw new IllegalArgumentException("the job submitted to queue '" + queueName + "' is null");
        }
        String payload = serializer.serialize(job);
        SubmitOptions[] used = {options};
        Submitted[] result = new Submitted[1];
        String id = interceptors.submit(queue, 1, options, o -> {
            used[0] = o;
            result[0] = queue.offer(payload, o);
            return List.of(result[0].id());
        }).get(0);
        boolean duplicate = result[0] != null && result[0].duplicate() && result[0].id().equals(id);
        if (!duplicate) {
            listeners.messageSubmitted(queue, id, payload, used[0]);
        }
        return new Submitted(id, duplicate);
    }

    /**
     * Submits many jobs in one batch where the backend allows it; returns the ids in order.
     *
     * @throws JobSerializationException before anything is submitted, when any one of the jobs
     *                                   cannot be written or a worker could not read it back
     */
    public List<String> queueAll(String queueName, List<? extends Job> jobs, SubmitOptions options) {
        Queue queue = submitTarget(queueName, options);
        if (jobs == null) {
            throw new IllegalArgumentException("the list of jobs submitted to queue '" + queueName + "' is null");
        }
        List<String> payloads = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            if (job == null) {
                throw new IllegalArgumentException("job " + payloads.size() + " of a submit to queue '" + queueName
                        + "' is null; nothing of the batch was submitted");
            }
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
        CompletableFuture<Boolean> completed = new CompletableFuture<>();
        AtomicReference<ExecutionResult> timedOut = new AtomicReference<>();
        Optional<ExecutionResult> decided = execute(queueName, message, () -> true, late -> { // ignored its timeout's interrupt
            timedOut.set(late);
            try {
                complete(queueName, late, () -> heldUntil, completed::complete);
            } catch (RuntimeException | Error e) {
                completed.completeExceptionally(e);
            }
        });
        decided.ifPresent(result -> complete(queueName, result, () -> heldUntil, completed::complete));
        completed.join();
        ExecutionResult result = decided.orElseGet(timedOut::get); // set before the completion that join() waited for
        if (result.succeeded()) {
            return reserved;
        }
        throw failure(queueName, queue, result);
    }

    /**
     * Runs the job of a reserved message on this thread and decides its outcome, without touching
     * the queue: the caller hands the result to {@link #complete}. An isolated job whose lease is
     * lost (before it starts, or while its child runs; the worker kills that child) is
     * {@link ExecutionResult.Outcome#ABANDONED}, since the message is someone else's now. In-JVM
     * jobs are not affected.
     *
     * <p>A job that runs past its timeout (its class's {@link Job#timeout()}, else the queue's
     * {@code timeout}) is interrupted, and the attempt fails with a {@link JobTimeoutException}
     * whatever the job then returns or throws. When the job has not ended within
     * {@link JobTimeouts#INTERRUPT_GRACE} of the interrupt, it ignores it: its failed result is
     * handed at once to {@code ignoredTimeout}, on a thread of its own while this one still runs the
     * job, and the result the job returns at last is discarded.
     *
     * @return the result to complete, or empty when it was handed to {@code ignoredTimeout}
     */
    Optional<ExecutionResult> execute(String queueName, Message message, BooleanSupplier leaseHeld,
            Consumer<ExecutionResult> ignoredTimeout) {
        AtomicReference<Job> read = new AtomicReference<>();
        JobTimeouts.Attempt attempt = timeouts.start(queueManager.getQueueSettings(queueName).timeout(),
                timeout -> {
                    JobContext.during(queueName, message.id(), () -> LOG.warn("Job in message {} of queue {} ran past its timeout of {}"
                            + " and ignores the interrupt; its message is released or aborted now, and its thread runs on (a running"
                            + " job still) until the job returns", message.id(), queueManager.getQueue(queueName).name(),
                            JobTimeoutException.readable(timeout)));
                    ignoredTimeout.accept(timedOut(queueName, message, read.get(), timeout, null));
                });
        ExecutionResult result;
        JobTimeouts.Ending ending;
        try (JobContext context = JobContext.enter(queueName, message.id())) {
            result = decide(queueName, message, leaseHeld, context, job -> {
                read.set(job);
                attempt.jobTimeout(timeoutOf(job));
            });
        } finally {
            ending = attempt.end();
        }
        if (ending == JobTimeouts.Ending.IGNORED) {
            JobContext.during(queueName, message.id(), () -> LOG.info("Job in message {} of queue {} ended at last, after it"
                    + " ignored the interrupt of its timeout; what it returned is discarded (its message was released or aborted"
                    + " when it timed out)", message.id(), queueManager.getQueue(queueName).name()));
            return Optional.empty();
        }
        if (ending == JobTimeouts.Ending.TIMED_OUT && result.outcome() != ExecutionResult.Outcome.ABANDONED) {
            // whatever the interrupted job returned or threw, the timeout is its outcome
            return Optional.of(timedOut(queueName, message, read.get(), attempt.timeout(), result.cause()));
        }
        return Optional.of(result);
    }

    /** The failed attempt of a job that ran past its timeout; {@code thrown} is what it threw when interrupted, if anything. */
    private ExecutionResult timedOut(String queueName, Message message, Job job, Duration timeout, Throwable thrown) {
        Queue queue = queueManager.getQueue(queueName);
        return failedAttempt(queueName, queue, message, job, new JobTimeoutException(timeout, queue.name(), message.id(), thrown));
    }

    /** A job's own {@link Job#timeout()}, refused when not positive (a failure of the attempt that names the job class and the value). */
    private static Duration timeoutOf(Job job) {
        Duration own = job.timeout();
        if (own != null && (own.isNegative() || own.isZero())) {
            throw new IllegalArgumentException("timeout() of job " + job.getClass().getName() + " must be positive or null, was "
                    + JobTimeoutException.readable(own));
        }
        return own;
    }

    private ExecutionResult decide(String queueName, Message message, BooleanSupplier leaseHeld, JobContext context,
            Consumer<Job> jobRead) {
        Queue queue = queueManager.getQueue(queueName);
        QueueSettings settings = queueManager.getQueueSettings(queueName);
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
        Job[] ran = {null};
        try {
            boolean success = interceptors.execute(queue, message, isolated
                    ? () -> IsolatedExecution.run(queueName, settings, message)
                    : () -> {
                        Job job = serializer.deserialize(message.payload());
                        ran[0] = job;
                        jobRead.accept(job);
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
        return failedAttempt(queueName, queue, message, ran[0], cause);
    }

    /**
     * A failed attempt: released for another try while the message's release count is below the
     * queue's {@code maximumNumberOfReleases} (with the delay of the retry policy), else aborted; an
     * unreadable payload is aborted at once.
     *
     * @param job the job that ran, or null when it was not read
     */
    private ExecutionResult failedAttempt(String queueName, Queue queue, Message message, Job job, Throwable cause) {
        int maximumReleases = queueManager.getQueueSettings(queueName).maximumNumberOfReleasesOrDefault();
        if (!(cause instanceof UnreadablePayloadException) && message.numberOfReleases() < maximumReleases) {
            return new ExecutionResult(message, ExecutionResult.Outcome.RELEASED, cause, release(queueName, queue, message, job));
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
                ReleaseOptions releaseOptions = result.release() != null ? result.release()
                        : release(queueName, queue, message, null);
                completer.complete(new Completer.Completion(Completer.Kind.RELEASE, message, releaseOptions, null, heldUntil,
                        released -> {
                            JobContext.during(queueName, message.id(), () -> {
                                int maximumReleases = queueManager.getQueueSettings(queueName).maximumNumberOfReleasesOrDefault();
                                LOG.info("Job in message {} of queue {} failed ({}/{} trials), released{}: {}", message.id(),
                                        queue.name(), message.numberOfReleases() + 1, maximumReleases + 1,
                                        releaseOptions.delay().isZero() ? "" : " for a retry in " + seconds(releaseOptions.delay()),
                                        String.valueOf(result.cause()));
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
     * The options a failed job's message is released with: the queue's priority, and the delay the
     * retry policy gives for this release (the job's own policy when it has one, else the queue's);
     * at once on a backend that cannot delay a release.
     */
    private ReleaseOptions release(String queueName, Queue queue, Message message, Job job) {
        RetryPolicy policy = null;
        if (job != null) {
            try {
                policy = job.retryPolicy();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("retryPolicy() of job {} in message {} of queue {} threw {}; using the queue's", job.getClass().getName(),
                        message.id(), queue.name(), e.toString());
            }
        }
        if (policy == null) {
            policy = queueManager.retryPolicy(queueName);
        }
        Duration delay = policy.delayBefore(Math.max(1, message.numberOfReleases() + 1), ThreadLocalRandom.current());
        if (!delay.isZero() && !queue.capabilities().has(Capability.DELAY)) {
            if (toldNoDelay.add(queueName)) {
                LOG.info("Backend {} of queue {} cannot delay a release: failed jobs are retried at once, not after the"
                        + " retry policy's delay ({})", queue.capabilities().backend(), queue.name(), policy);
            }
            delay = Duration.ZERO;
        }
        return queueManager.releaseOptions(queueName).withDelay(delay);
    }

    private static String seconds(Duration delay) {
        return String.format(java.util.Locale.ROOT, "%.3f s", delay.toNanos() / 1e9).replaceAll("\\.?0+ s$", " s");
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

    /**
     * Cancels a ready, delayed or running job of a queue by its message id ({@link Queue#cancel(String)});
     * false when the queue holds no such message to cancel.
     */
    public boolean cancel(String queueName, String id) {
        return queueManager.getQueue(queueName).cancel(id);
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

    /** The reason kept with a failed message: the throwable's class and message (an isolated job's or a timeout's message is that already). */
    private static String reason(Throwable cause) {
        String text = cause instanceof IsolatedJobException || cause instanceof JobTimeoutException ? cause.getMessage()
                : cause.getMessage() == null ? cause.getClass().getName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return text.length() > 2000 ? text.substring(0, 1999) + "…" : text;
    }

    /** The ticker leases are measured on. */
    LongSupplier ticker() {
        return ticker;
    }
}
