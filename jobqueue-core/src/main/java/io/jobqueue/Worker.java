package io.jobqueue;

import io.jobqueue.internal.HeartbeatPublisher;
import io.jobqueue.internal.HeldMessage;
import io.jobqueue.internal.JobSlots;
import io.jobqueue.internal.LeaseKeeper;
import io.jobqueue.internal.RecurringScheduler;
import io.jobqueue.internal.SignalStopper;
import io.jobqueue.spi.Backoff;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop that watches one or more queues and hands their messages to the job manager:
 * {@code concurrency} jobs at once (and {@code prefetch} more reserved ahead, so job threads never
 * wait for a round trip; by default as many as suit the jobs' running time), reserved in batches, succeeded messages finished in batches,
 * and the lease of every running job renewed until it ends. Finish, release and abort go through
 * one completer per queue, batched and retried while the lease holds. On a stop, messages reserved
 * ahead whose jobs have not started are given back at once, their release counts unchanged.
 *
 * <p>A lease can still be lost: the backend says the worker no longer holds a message (its lease ran
 * out during a stall and someone else reserved it), or renewals failed for longer than a lease. The
 * worker logs it once with the queue and the message id. An isolated job ({@code executeIsolated})
 * is then stopped at once — its thread is interrupted, which kills the child JVM — and its message
 * is neither finished, released nor aborted by this worker ({@link ExecutionResult.Outcome#ABANDONED});
 * an in-JVM job runs on, and its outcome is judged by the backend's fencing as before. A message that
 * was cancelled ({@link Queue#cancel(String)}) is the exception: the worker learns it at its next
 * renewal (every third of the lease), interrupts its job, in-JVM or isolated, and neither finishes,
 * releases nor aborts it; a cancelled message reserved ahead is not started.
 *
 * <p>A job that runs past its timeout (the queue's {@code timeout}, or its class's
 * {@link Job#timeout()}) is interrupted — an isolated job's child is killed — and its attempt fails
 * with the reason {@code timed out after 30 s}: released or aborted like any failure. A job that
 * ignores the interrupt for a second runs on, but its message is released or aborted then, its
 * lease is no longer renewed, and what it returns at last is discarded; until it really ends it
 * still counts in {@link #runningJobs()} and keeps its slot, so stuck jobs never raise the
 * concurrency.
 *
 * <p>It stops after {@code limit} executed jobs (failures and timed-out jobs count, polls that found no message do not), after
 * {@code exitAfter}, or on {@link #stop()} (and on SIGTERM/SIGINT with
 * {@link Builder#stopOnSignals(boolean)}): it then takes nothing new, lets running jobs finish
 * within the grace period, and returns from {@link #run()}. A backend that fails is retried with
 * exponential backoff and reported once per outage. While it runs it publishes a heartbeat
 * ({@link WorkerHeartbeat}) into each place its queues' backends keep them, every
 * {@link Builder#heartbeatInterval(Duration) heartbeat interval} from a thread of its own; a stop
 * removes it, a crash leaves it to expire. An unknown queue name, a queue named twice and a
 * queue whose backend cannot reserve ({@code fake}) fail at build time.
 *
 * <p>It also submits the ticks of the recurring jobs ({@link RecurringJob}) of its queues: those of
 * the settings' {@code recurring:} section and those given to {@link Builder#recurring}, from a thread
 * of its own, every second, until it stops. Every worker of a queue submits them; the backend stores
 * one message per tick (see docs/recurring.md). An entry that cannot work — its queue's backend lacks
 * {@link Capability#UNIQUE}, its job class cannot be made — fails the build.
 *
 * <pre>{@code
 * try (Worker worker = Worker.builder(jobs).queues("email").concurrency(4).build()) {
 *     worker.run();
 * }
 * }</pre>
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration SHARED_BUDGET_WAIT = Duration.ofMillis(50);
    /** How often a worker publishes its heartbeat unless told otherwise. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    /** A heartbeat lives this many intervals unless told otherwise, so one lost beat does not hide a live worker. */
    public static final int DEFAULT_HEARTBEAT_TTL_INTERVALS = 3;
    /** How often a worker looks whether its settings file changed, to take a changed {@code recurring:} section. */
    public static final Duration DEFAULT_RECURRING_RELOAD_INTERVAL = Duration.ofSeconds(5);

    private final JobManager jobs;
    private final List<String> queueNames;
    private final int concurrency;
    private final int batchSize;
    private final long limit;
    private final Duration exitAfter;
    private final Duration gracePeriod;
    private final Duration pollTimeout;
    private final boolean stopOnSignals;
    private final boolean sharedBudget;
    private final ExecutorService givenExecutor;
    /** With a given executor (which may start every task at once), at most {@code concurrency} jobs run. */
    private final Semaphore jobPermits;

    private final JobSlots slots;
    private final AtomicLong budget;
    private final AtomicLong heldBudget = new AtomicLong();
    private final AtomicLong executed = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong released = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final LeaseKeeper leases;
    private final String id;
    private final Duration heartbeatInterval;
    private final HeartbeatPublisher heartbeats;
    private final RecurringScheduler recurring;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile WorkerStats.StopReason stopReason;
    private volatile boolean started;

    private Worker(Builder builder) {
        this.jobs = builder.jobs;
        this.queueNames = List.copyOf(builder.queueNames);
        this.concurrency = builder.concurrency;
        this.slots = new JobSlots(concurrency, builder.prefetch);
        this.batchSize = builder.batchSize > 0 ? builder.batchSize : slots.maximum();
        this.limit = builder.limit;
        this.exitAfter = builder.exitAfter;
        this.gracePeriod = builder.gracePeriod;
        this.pollTimeout = builder.pollTimeout;
        this.stopOnSignals = builder.stopOnSignals;
        this.givenExecutor = builder.executor;
        this.jobPermits = builder.executor == null ? null : new Semaphore(concurrency);
        this.budget = new AtomicLong(limit > 0 ? limit : Long.MAX_VALUE);
        this.sharedBudget = limit > 0 && queueNames.size() > 1;
        Map<String, Queue> queues = new LinkedHashMap<>();
        for (String name : queueNames) {
            jobs.queueManager().requireQueue(name);
            Queue queue = jobs.queueManager().getQueue(name);
            if (!queue.capabilities().has(Capability.RESERVE)) {
                throw new ConfigurationException("queue '" + name + "' uses backend " + queue.capabilities().backend()
                        + ", which cannot reserve (it runs each job when it is submitted): a worker would have nothing to take from it");
            }
            queues.put(name, queue);
        }
        this.leases = new LeaseKeeper(queues, jobs.ticker(), this::leaseLost);
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        this.id = workerId(host, pid);
        this.heartbeatInterval = builder.heartbeatInterval;
        Duration ttl = builder.heartbeatTtl != null ? builder.heartbeatTtl
                : heartbeatInterval.multipliedBy(DEFAULT_HEARTBEAT_TTL_INTERVALS);
        Map<String, Queue> places = new LinkedHashMap<>();
        for (Queue queue : queues.values()) {
            if (queue.capabilities().has(Capability.WORKER_HEARTBEATS)) {
                places.putIfAbsent(queue.heartbeatLocation(), queue);
            }
        }
        this.heartbeats = new HeartbeatPublisher(id, host, pid, queueNames, concurrency, List.copyOf(places.values()), ttl,
                builder.clock, this::stats, this::runningJobs);
        this.recurring = new RecurringScheduler(jobs, queueNames, builder.recurring, builder.clock, builder.recurringReloadInterval);
    }

    /** A builder for a worker of this job manager. */
    public static Builder builder(JobManager jobs) {
        return new Builder(jobs);
    }

    /**
     * Runs until the limit, the exit time or a stop, then returns the counts. Blocks the caller;
     * can be called once.
     */
    public WorkerStats run() {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("worker already ran");
            }
            started = true;
        }
        SignalStopper signals = stopOnSignals ? SignalStopper.install(this::stop) : null;
        long deadline = exitAfter == null ? 0 : System.nanoTime() + exitAfter.toNanos();
        ExecutorService executor = givenExecutor != null ? givenExecutor : Executors.newFixedThreadPool(concurrency, named("jobqueue-job-"));
        ScheduledExecutorService renewer = Executors.newScheduledThreadPool(2, named("jobqueue-lease-")); // a hung renewal delays no expiry
        List<Thread> fetchers = new ArrayList<>();
        ScheduledExecutorService beater = startHeartbeats();
        if (recurring.hasWork()) {
            recurring.start();
        }
        try {
            scheduleLeaseRenewal(renewer);
            for (String name : queueNames) {
                Queue queue = jobs.queueManager().getQueue(name);
                Thread fetcher = new Thread(() -> fetch(name, queue, executor, deadline), "jobqueue-fetch-" + name);
                fetchers.add(fetcher);
                fetcher.start();
            }
            for (Thread fetcher : fetchers) {
                fetcher.join();
            }
            drain();
            for (String name : queueNames) {
                jobs.awaitCompletions(name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            interruptJobs();
        } finally {
            renewer.shutdownNow();
            if (givenExecutor == null) {
                executor.shutdownNow();
            }
            if (signals != null) {
                signals.uninstall();
            }
            recurring.close();
            stopHeartbeats(beater);
            finished.countDown();
        }
        return stats();
    }

    /** Takes nothing new; running jobs finish within the grace period. Safe from any thread, any time. */
    public void stop() {
        if (!stopping) {
            stopReason(WorkerStats.StopReason.STOPPED);
            stopping = true;
        }
    }

    /**
     * The jobs running now (started and not yet ended), for gauges and heartbeats. A job that ran
     * past its timeout and ignored the interrupt counts until its thread really ends, although its
     * message was released or aborted when it timed out (and it keeps its job thread's slot until then).
     */
    public int runningJobs() {
        return running.get();
    }

    /**
     * This worker's id, as its heartbeats carry it: the host (letters, digits, {@code .} and {@code -}),
     * the process id and a random part, e.g. {@code build-7-41213-1a2b3c4d}.
     */
    public String id() {
        return id;
    }

    /** The heartbeat this worker would publish now (what {@code jobqueue workers} lists while it runs). */
    public WorkerHeartbeat heartbeat() {
        return heartbeats.current();
    }

    /**
     * The messages this worker dropped because they were cancelled ({@link Queue#cancel(String)}): jobs
     * it interrupted, which count as executed but neither as succeeded, released nor failed, and
     * messages reserved ahead that it did not start.
     */
    public long cancelledJobs() {
        return cancelled.get();
    }

    /** The recurring jobs this worker submits now: the settings' for its queues, then those given in code. */
    public List<RecurringJob> recurringJobs() {
        return recurring.entries();
    }

    /**
     * Replaces the recurring jobs given in code (those of the settings stay), at once, also while the
     * worker runs; the next pass submits by the new entries. Other workers keep theirs.
     *
     * @throws ConfigurationException as {@link Builder#build()} would; the entries in force are kept then
     */
    public void replaceRecurring(java.util.Collection<RecurringJob> entries) {
        recurring.replace(List.copyOf(entries));
        if (started && finished.getCount() > 0 && recurring.hasWork()) {
            recurring.start();
        }
    }

    /** The counts so far. */
    public WorkerStats stats() {
        return new WorkerStats(executed.get(), succeeded.get(), released.get(), failed.get(), stopReason);
    }

    /** Stops the worker and waits for {@link #run()} to return (at most the grace period plus a poll). */
    @Override
    public void close() {
        stop();
        if (started) {
            try {
                finished.await(gracePeriod.plus(pollTimeout).toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void fetch(String name, Queue queue, ExecutorService executor, long deadline) {
        Backoff backoff = new Backoff();
        while (!stopping) {
            long now = System.nanoTime();
            if (exitAfter != null && now - deadline >= 0) {
                stopReason(WorkerStats.StopReason.EXIT_AFTER);
                stopping = true;
                break;
            }
            int wanted = acquireSlots();
            if (wanted == 0) {
                continue;
            }
            if (stopping) {
                slots.release(wanted);
                break;
            }
            int allowed = takeBudget(wanted);
            if (allowed == 0) {
                slots.release(wanted);
                if (heldBudget.get() == 0) {
                    stopReason(WorkerStats.StopReason.LIMIT);
                    stopping = true;
                    break;
                }
                Backoff.sleepQuietly(10); // another queue holds the rest of the budget for a moment
                continue;
            }
            if (allowed < wanted) {
                slots.release(wanted - allowed);
            }
            long waitNanos = exitAfter == null ? pollTimeout.toNanos() : Math.min(pollTimeout.toNanos(), deadline - now);
            if (queue.capabilities().has(Capability.LEASES)) {
                // a lease is counted from before the reserve request: a wait of a third keeps a renewal due in time
                waitNanos = Math.min(waitNanos, queue.leaseTimeout().toNanos() / 3);
            }
            if (sharedBudget) {
                // several queues share a limit: wait in short slices so no queue holds the last of it for long
                waitNanos = Math.min(waitNanos, SHARED_BUDGET_WAIT.toNanos());
            }
            List<Message> messages;
            long requestedAt = leases.now();
            try {
                messages = queue.waitAndReserve(allowed, Duration.ofNanos(Math.max(0, waitNanos)));
                if (backoff.reset()) {
                    LOG.info("Queue {} is reachable again", queue.name());
                }
            } catch (RuntimeException e) {
                giveBack(allowed, allowed);
                if (backoff.failed()) {
                    LOG.warn("Reserving from queue {} failed; retrying with backoff until it works: {}", queue.name(), e.toString());
                }
                Backoff.sleepQuietly(backoff.nextDelayMillis());
                continue;
            }
            giveBack(allowed, allowed - messages.size());
            if (messages.isEmpty()) {
                jobs.timedOut(queue);
                if (sharedBudget) {
                    Backoff.sleepQuietly(SHARED_BUDGET_WAIT.toMillis() / 2); // let the other queues take the budget
                }
                continue;
            }
            for (Message message : messages) {
                HeldMessage held = leases.hold(name, message, requestedAt);
                jobStarting();
                try {
                    executor.execute(() -> runJob(name, queue, held));
                } catch (RuntimeException e) { // a given executor that was shut down, say
                    jobEnded();
                    giveBack(name, held);
                    LOG.warn("The job executor refused message {} of queue {}; it was given back: {}", message.id(), queue.name(), e.toString());
                }
            }
        }
    }

    private void runJob(String name, Queue queue, HeldMessage held) {
        if (jobPermits == null) {
            runJobNow(name, queue, held);
            return;
        }
        try {
            jobPermits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                giveBack(name, held);
            } finally {
                jobEnded();
            }
            return;
        }
        try {
            runJobNow(name, queue, held);
        } finally {
            jobPermits.release();
        }
    }

    private void runJobNow(String name, Queue queue, HeldMessage held) {
        Message message = held.message();
        if (stopping && stopReason != WorkerStats.StopReason.LIMIT) { // reserved ahead, not started: give it back after a stop
            try {
                giveBack(name, held);
            } finally {
                jobEnded();
            }
            return;
        }
        if (held.cancelled()) { // reserved ahead and cancelled before its job started: dropped, its slot freed
            held.jobEnded();
            leases.forget(name, held);
            cancelled.incrementAndGet();
            slots.release(1);
            jobEnded();
            return;
        }
        long startedAt = System.nanoTime();
        held.jobStarted();
        ExecutionResult result = null;
        boolean settledByTimeout = false;
        try {
            Optional<ExecutionResult> decided = jobs.execute(name, message, held::held, late -> settleTimedOut(name, held, late));
            if (decided.isPresent() && held.cancelled()) { // interrupted by a cancel: nothing to complete, not retried
                cancelled.incrementAndGet();
            } else if (decided.isPresent()) {
                result = decided.get();
                count(result);
            } else {
                settledByTimeout = true; // it ignored the interrupt of its timeout: counted and completed then, its result discarded
            }
        } catch (Throwable e) { // the job's own throwables are caught by the job manager; this is the manager failing
            failed.incrementAndGet();
            logQuietly(() -> LOG.error("Handling message {} of queue {} failed; it comes back when its lease runs out",
                    message.id(), queue.name(), e));
        } finally {
            held.jobEnded();
            if (held.cancelled()) {
                Thread.interrupted(); // the cancel's interrupt, if it came after the job's end, is not the next job's
            }
            if (!settledByTimeout) {
                executed.incrementAndGet();
            }
            slots.jobEnded(System.nanoTime() - startedAt); // only now, when its thread is free: stuck jobs do not add to the concurrency
        }
        try {
            if (result != null) {
                jobs.complete(name, result, held::heldUntilNanos, done -> leases.forget(name, held));
            } else if (!settledByTimeout) { // cancelled, or the job manager failed
                leases.forget(name, held);
            } // else its message was released or aborted when it timed out
        } catch (Throwable e) {
            leases.forget(name, held);
            logQuietly(() -> LOG.error("Completing message {} of queue {} failed; it comes back when its lease runs out",
                    message.id(), queue.name(), e));
        } finally {
            jobEnded(); // after the completion was handed over, so a drain that sees no job also waits for it
        }
    }

    private void count(ExecutionResult result) {
        switch (result.outcome()) {
            case SUCCEEDED -> succeeded.incrementAndGet();
            case RELEASED -> released.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
            case ABANDONED -> { } // counted as executed only; the job manager logs it
        }
    }

    /**
     * A job ran past its timeout and ignored the interrupt (on a thread of the job manager's, while
     * the job's thread runs on): its attempt counts now and its message is released or aborted.
     * The lease keeper renews the lease until that is done, and then forgets the message; the job's
     * thread still counts in {@link #runningJobs()} and keeps its slot until the job really ends.
     */
    private void settleTimedOut(String name, HeldMessage held, ExecutionResult result) {
        held.jobEnded(); // a later loss of the lease is no news, and a stop does not interrupt the job again
        count(result);
        executed.incrementAndGet();
        try {
            jobs.complete(name, result, held::heldUntilNanos, done -> leases.forget(name, held));
        } catch (RuntimeException | Error e) {
            leases.forget(name, held); // no renewals for ever: the message comes back when its lease runs out
            throw e;
        }
    }

    private void giveBack(String name, HeldMessage held) {
        held.jobEnded();
        jobs.giveBack(name, held.message(), held::heldUntilNanos, done -> leases.forget(name, held));
    }

    private void jobStarting() {
        running.incrementAndGet();
    }

    /** Lock-free but for the last job, which wakes a drain that may wait for it. */
    private void jobEnded() {
        if (running.decrementAndGet() == 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits up to {@code nanos} for every job handed to the executor to end; true when they did. */
    private synchronized boolean awaitJobs(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (running.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void interruptJobs() {
        for (String name : queueNames) {
            leases.heldFor(name).forEach(HeldMessage::interruptJob);
        }
    }

    /** Logs without letting a failure to log (an OutOfMemoryError, say) end the job thread. */
    private static void logQuietly(Runnable log) {
        try {
            log.run();
        } catch (Throwable ignored) {
            // nothing more can be done; the message comes back when its lease runs out
        }
    }

    /** Blocks (in slices, to notice a stop) until one slot is free, then takes up to a batch. */
    private int acquireSlots() {
        try {
            if (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return 0;
        }
        int taken = 1;
        while (taken < batchSize && slots.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    private int takeBudget(int wanted) {
        while (true) {
            long left = budget.get();
            long take = Math.min(left, wanted);
            if (take <= 0) {
                return 0;
            }
            if (budget.compareAndSet(left, left - take)) {
                heldBudget.addAndGet(take);
                return (int) take;
            }
        }
    }

    /** Ends a reservation attempt that held {@code held} slots and budget and used all but {@code unused}. */
    private void giveBack(int held, int unused) {
        if (unused > 0) {
            slots.release(unused);
            budget.addAndGet(unused);
        }
        heldBudget.addAndGet(-held);
    }

    private void drain() throws InterruptedException {
        if (!awaitJobs(gracePeriod.toNanos())) {
            LOG.warn("{} jobs still running after the grace period of {}; interrupting them (isolated jobs' children are killed;"
                    + " a job that ends by it fails as usual, one that does not comes back when its lease runs out)", running.get(), gracePeriod);
            interruptJobs();
            awaitJobs(TimeUnit.SECONDS.toNanos(5));
        }
    }

    /** Starts the beats on a thread of their own (a slow backend delays no lease renewal); null when there are none. */
    private ScheduledExecutorService startHeartbeats() {
        if (heartbeatInterval.isZero() || !heartbeats.hasPlaces()) {
            return null;
        }
        heartbeats.started();
        ScheduledExecutorService beater = Executors.newSingleThreadScheduledExecutor(named("jobqueue-heartbeat-"));
        beater.scheduleAtFixedRate(heartbeats::beat, 0, heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
        return beater;
    }

    /** Ends the beats, waiting a little for one under way so it cannot land after the removal, then removes them. */
    private void stopHeartbeats(ScheduledExecutorService beater) {
        if (beater == null) {
            return;
        }
        beater.shutdown();
        boolean interrupted = Thread.interrupted();
        try {
            beater.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        beater.shutdownNow();
        heartbeats.remove();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** This machine's name, without waiting long on a name server; "localhost" when it has none. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            return "localhost";
        }
    }

    private static String workerId(String host, long pid) {
        String safeHost = host.replaceAll("[^A-Za-z0-9.-]+", "-");
        if (safeHost.length() > 100) {
            safeHost = safeHost.substring(0, 100);
        }
        return (safeHost.isEmpty() ? "host" : safeHost) + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void scheduleLeaseRenewal(ScheduledExecutorService renewer) {
        long periodMillis = Long.MAX_VALUE;
        for (String name : queueNames) {
            Queue queue = jobs.queueManager().getQueue(name);
            if (queue.capabilities().has(Capability.LEASES)) {
                periodMillis = Math.min(periodMillis, Math.max(50, queue.leaseTimeout().toMillis() / 3));
            }
        }
        if (periodMillis == Long.MAX_VALUE) {
            return;
        }
        long expiryMillis = Math.max(50, Math.min(1000, periodMillis / 3));
        renewer.scheduleAtFixedRate(() -> quietly(leases::renew), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        renewer.scheduleAtFixedRate(() -> quietly(leases::expire), expiryMillis, expiryMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs a scheduled task so that nothing it throws cancels its schedule. */
    private static void quietly(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            logQuietly(() -> LOG.warn("Lease renewal failed; trying again at its next turn", e));
        }
    }

    private void leaseLost(String name, Queue queue, HeldMessage held, String why) {
        if (held.cancelled()) {
            LOG.info("Message {} of queue {} was cancelled; interrupting its job, which is not finished, released or retried",
                    held.id(), queue.name());
            held.interruptJob();
        } else if (jobs.queueManager().getQueueSettings(name).isolated()) {
            LOG.warn("Lost the lease of message {} of queue {} ({}); stopping its isolated job, the message is left to its next holder",
                    held.id(), queue.name(), why);
            held.interruptJob();
        } else {
            LOG.warn("Lost the lease of message {} of queue {} ({}); its job runs on in this JVM and may run twice",
                    held.id(), queue.name(), why);
        }
    }

    private synchronized void stopReason(WorkerStats.StopReason reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Builds a {@link Worker}; every setting has a sound default but the queue names. */
    public static final class Builder {
        private final JobManager jobs;
        private final List<String> queueNames = new ArrayList<>();
        private int concurrency = 1;
        private boolean concurrencySet;
        private boolean gracePeriodSet;
        private boolean heartbeatIntervalSet;
        private boolean pollTimeoutSet;
        private int prefetch = -1;
        private int batchSize;
        private long limit;
        private Duration exitAfter;
        private Duration gracePeriod = Duration.ofSeconds(30);
        private Duration pollTimeout = Duration.ofSeconds(2);
        private boolean stopOnSignals;
        private ExecutorService executor;
        private WorkerSettings settings = WorkerSettings.EMPTY;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration heartbeatTtl;
        private final List<RecurringJob> recurring = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration recurringReloadInterval = DEFAULT_RECURRING_RELOAD_INTERVAL;

        private Builder(JobManager jobs) {
            this.jobs = Objects.requireNonNull(jobs, "jobs");
        }

        /** The configured names of the queues to watch (at least one). */
        public Builder queues(String... names) {
            queueNames.addAll(List.of(names));
            return this;
        }

        public Builder queues(List<String> names) {
            queueNames.addAll(names);
            return this;
        }

        /** Jobs run at once (default 1). */
        public Builder concurrency(int value) {
            require(value >= 1, "concurrency must be >= 1, was " + value);
            concurrency = value;
            concurrencySet = true;
            return this;
        }

        /**
         * Messages reserved ahead of free job threads, so threads need not wait for a round trip
         * (0 reserves only for idle threads). By default it adapts to the jobs: up to 128 ahead for
         * short jobs, one for jobs of a second or more. Their leases are renewed like running
         * jobs'; on a stop those not started yet are given back, their release counts unchanged.
         */
        public Builder prefetch(int value) {
            require(value >= 0, "prefetch must be >= 0, was " + value);
            prefetch = value;
            return this;
        }

        /** Most messages reserved in one call (default: as many as there are free slots). */
        public Builder batchSize(int value) {
            require(value >= 1, "batchSize must be >= 1, was " + value);
            batchSize = value;
            return this;
        }

        /** Stop after this many executed jobs, failures included (0: no limit). */
        public Builder limit(long value) {
            require(value >= 0, "limit must be >= 0, was " + value);
            limit = value;
            return this;
        }

        /** Stop taking jobs after this time (null: run until stopped). */
        public Builder exitAfter(Duration value) {
            require(value == null || !value.isNegative(), "exitAfter must not be negative, was " + value);
            exitAfter = value;
            return this;
        }

        /** How long running jobs may take to finish after a stop (default 30 s). */
        public Builder gracePeriod(Duration value) {
            require(value != null && !value.isNegative(), "gracePeriod must not be negative, was " + value);
            gracePeriod = value;
            gracePeriodSet = true;
            return this;
        }

        /** Longest single wait on a queue, so a stop is noticed (default 2 s). */
        public Builder pollTimeout(Duration value) {
            require(value != null && !value.isNegative(), "pollTimeout must not be negative, was " + value);
            pollTimeout = value;
            pollTimeoutSet = true;
            return this;
        }

        /**
         * The executor job threads come from (default: a pool of {@code concurrency} platform
         * threads). The worker still runs at most {@code concurrency} jobs at once and never shuts a
         * given executor down. On Java 21+ {@code Executors.newVirtualThreadPerTaskExecutor()} runs
         * each job on a virtual thread.
         */
        public Builder executor(ExecutorService value) {
            executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Defaults from the {@code worker:} section of the settings, for what this builder was not
         * told; by default the job manager's own settings' section.
         */
        public Builder settings(WorkerSettings value) {
            settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * How often the worker publishes its heartbeat ({@link WorkerHeartbeat}) into its queues'
         * backends that keep them (default {@link #DEFAULT_HEARTBEAT_INTERVAL}, 10 s); {@link Duration#ZERO}
         * publishes none.
         */
        public Builder heartbeatInterval(Duration value) {
            require(value != null && !value.isNegative(), "heartbeatInterval must not be negative, was " + value);
            require(value.isZero() || value.toMillis() >= 1, "heartbeatInterval must be 0 or at least 1 ms, was " + value);
            heartbeatInterval = value;
            heartbeatIntervalSet = true;
            return this;
        }

        /**
         * How long a heartbeat stays listed when no next beat comes (the worker died), longer than the
         * interval (default {@value #DEFAULT_HEARTBEAT_TTL_INTERVALS} intervals, 30 s).
         */
        public Builder heartbeatTtl(Duration value) {
            require(value != null && !value.isNegative() && !value.isZero(), "heartbeatTtl must be positive, was " + value);
            heartbeatTtl = value;
            return this;
        }

        /**
         * Recurring jobs to submit besides those of the settings' {@code recurring:} section; each must
         * go to a queue this worker watches, and have a name the settings do not use.
         */
        public Builder recurring(RecurringJob... entries) {
            recurring.addAll(List.of(entries));
            return this;
        }

        public Builder recurring(java.util.Collection<RecurringJob> entries) {
            recurring.addAll(entries);
            return this;
        }

        /** The clock of recurring ticks and of heartbeat times (default the system's, UTC). */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How often the worker looks whether the settings file its settings were read from changed, and
         * then takes its new {@code recurring:} section (default {@link #DEFAULT_RECURRING_RELOAD_INTERVAL},
         * 5 s); {@link Duration#ZERO} never.
         */
        public Builder recurringReloadInterval(Duration value) {
            require(value != null && !value.isNegative(), "recurringReloadInterval must not be negative, was " + value);
            recurringReloadInterval = value;
            return this;
        }

        /** Stop gracefully on SIGTERM and SIGINT while {@link Worker#run()} runs (default false). */
        public Builder stopOnSignals(boolean value) {
            stopOnSignals = value;
            return this;
        }

        /**
         * Builds the worker.
         *
         * @throws ConfigurationException for no queue or an unknown queue
         */
        public Worker build() {
            if (queueNames.isEmpty()) {
                throw new ConfigurationException("a worker needs at least one queue name");
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String name : queueNames) {
                if (!seen.add(name)) {
                    throw new ConfigurationException("queue '" + name + "' is named twice for one worker; name each queue once");
                }
            }
            WorkerSettings defaults = settings != WorkerSettings.EMPTY ? settings : jobs.queueManager().settings().worker();
            if (!concurrencySet && defaults.concurrency() != null) {
                concurrency = defaults.concurrency();
            }
            if (prefetch < 0 && defaults.prefetch() != null) {
                prefetch = defaults.prefetch();
            }
            if (batchSize == 0 && defaults.batchSize() != null) {
                batchSize = defaults.batchSize();
            }
            if (!pollTimeoutSet && defaults.pollTimeout() != null) {
                pollTimeout = defaults.pollTimeout();
            }
            if (!gracePeriodSet && defaults.gracePeriod() != null) {
                gracePeriod = defaults.gracePeriod();
            }
            if (!heartbeatIntervalSet && defaults.heartbeatInterval() != null) {
                heartbeatInterval = defaults.heartbeatInterval();
            }
            if (heartbeatTtl != null && !heartbeatInterval.isZero() && heartbeatTtl.compareTo(heartbeatInterval) <= 0) {
                throw new IllegalArgumentException("heartbeatTtl (" + heartbeatTtl + ") must be longer than heartbeatInterval ("
                        + heartbeatInterval + "), or every beat would lapse before the next one");
            }
            return new Worker(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
