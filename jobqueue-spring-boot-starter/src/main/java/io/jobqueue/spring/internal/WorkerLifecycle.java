package io.jobqueue.spring.internal;

import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the application's {@link Worker} with the context: {@link #start()} runs it on a thread of its
 * own ({@code jobqueue-worker}, not a daemon, so an application without a web server keeps running
 * while its worker does), and {@link #stop(Runnable)} stops it gracefully: it takes nothing new,
 * gives back the messages reserved ahead, lets running jobs finish within its grace period and then
 * interrupts them (a job that ends by the interrupt fails and is released as usual; one that does not
 * comes back when its lease runs out), and reports the stop once {@link Worker#run()} has returned.
 *
 * <p>Its phase is {@link #PHASE}: it starts after the web server and stops before it, so requests
 * still served during the shutdown can submit jobs. A worker runs once; a context started again
 * after a stop does not run it again (a warning says so).
 */
public final class WorkerLifecycle implements SmartLifecycle {

    /** Above the web server's phases (it starts later and stops earlier), below the default phase. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLifecycle.class);

    private final Worker worker;
    private final Duration stopWait;
    private final CountDownLatch ended = new CountDownLatch(1);
    private Thread thread;
    private volatile boolean running;
    private volatile WorkerStats stats;

    /**
     * @param worker   the worker to run
     * @param stopWait how long {@link #stop()} (the synchronous form) waits for the worker to return
     */
    public WorkerLifecycle(Worker worker, Duration stopWait) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.stopWait = Objects.requireNonNull(stopWait, "stopWait");
    }

    /** The worker this lifecycle runs. */
    public Worker worker() {
        return worker;
    }

    /** The worker's counts when {@link Worker#run()} returned; null while it runs or before it started. */
    public WorkerStats lastStats() {
        return stats;
    }

    /**
     * The grace period the worker gets so that it returns within the context's shutdown phase: the
     * configured one, shortened when it would not leave the worker time (5 s, or half a phase shorter
     * than 10 s) to interrupt the jobs still running and hand back their messages before the phase's
     * timeout ({@code spring.lifecycle.timeout-per-shutdown-phase}) lets the context close the queues.
     */
    public static Duration effectiveGracePeriod(Duration gracePeriod, Duration phaseTimeout) {
        if (phaseTimeout == null || phaseTimeout.isNegative() || phaseTimeout.isZero()) {
            return gracePeriod;
        }
        Duration reserve = phaseTimeout.compareTo(Duration.ofSeconds(10)) >= 0 ? Duration.ofSeconds(5) : phaseTimeout.dividedBy(2);
        Duration most = phaseTimeout.minus(reserve);
        return gracePeriod.compareTo(most) > 0 ? most : gracePeriod;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            if (!running) {
                LOG.warn("The JobQueue worker {} already ran and stopped; a worker runs once, so it is not started again", worker.id());
            }
            return;
        }
        running = true;
        thread = new Thread(this::runWorker, "jobqueue-worker");
        thread.setDaemon(false);
        thread.start();
        LOG.info("JobQueue worker {} started on queues {}", worker.id(), worker.heartbeat().queues());
    }

    private void runWorker() {
        try {
            stats = worker.run();
            LOG.info("JobQueue worker {} stopped: {}", worker.id(), stats);
        } catch (Throwable e) {
            LOG.error("JobQueue worker {} ended on an error", worker.id(), e);
        } finally {
            running = false;
            ended.countDown();
        }
    }

    @Override
    public void stop(Runnable callback) {
        Thread started;
        synchronized (this) {
            started = thread;
        }
        worker.stop();
        if (started == null || ended.getCount() == 0) {
            callback.run();
            return;
        }
        LOG.info("Stopping JobQueue worker {}: taking no new jobs, waiting for {} running jobs", worker.id(), worker.runningJobs());
        Thread waiter = new Thread(() -> {
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                callback.run();
            }
        }, "jobqueue-worker-stop");
        waiter.setDaemon(true);
        waiter.start();
    }

    @Override
    public void stop() {
        worker.stop();
        synchronized (this) {
            if (thread == null) {
                return;
            }
        }
        try {
            if (!ended.await(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("JobQueue worker {} did not stop within {}", worker.id(), stopWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return true;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
