package io.jobqueue.micrometer;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobManager;
import io.jobqueue.QueueManager;
import io.jobqueue.Worker;
import io.jobqueue.micrometer.internal.JobMeters;
import io.jobqueue.micrometer.internal.OwnedMeters;
import io.jobqueue.micrometer.internal.QueueGauges;
import io.jobqueue.micrometer.internal.QueueNames;
import io.jobqueue.micrometer.internal.WorkerMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Binds the meters of a {@link JobManager} to a Micrometer {@link MeterRegistry}: counters of
 * submitted, finished, released and failed messages, timers of execution and of the wait from
 * submit to start, gauges of each queue's counts, and counters of {@link Worker}s bound with
 * {@link #bindWorker}. The meters are listed in {@code docs/metrics.md}.
 *
 * <pre>{@code
 * JobQueueMetrics metrics = JobQueueMetrics.bind(registry, jobs);     // every configured queue
 * metrics.bindWorker(worker, "email-worker");
 * }</pre>
 *
 * <p>Counters and timers come from a listener and an interceptor added to the job manager: they
 * count what this JVM did. Gauges read the backend through {@link io.jobqueue.Queue#counts()}, at
 * most once per {@link Builder#countsInterval count interval} per queue however many gauges and
 * scrapes ask, on the scraping thread; a failing read keeps the last values and is logged once per
 * outage, never thrown at the registry. Time comes from the registry's {@link io.micrometer.core.instrument.Clock}.
 *
 * <p>Bind a job manager once per registry. Thread-safe. {@link #close()} removes the listener, the
 * interceptor and every meter of this binding; it is idempotent.
 */
public final class JobQueueMetrics implements AutoCloseable {

    /** How often the gauges read a queue's counts from its backend, at most. */
    public static final Duration DEFAULT_COUNTS_INTERVAL = Duration.ofSeconds(10);

    /** The header the submit adds and the execution reads to time the wait: epoch milliseconds. */
    public static final String SUBMITTED_AT_HEADER = JobMeters.SUBMITTED_AT_HEADER;

    private final JobManager jobs;
    private final OwnedMeters meters;
    private final JobMeters jobMeters;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger workerNumbers = new AtomicInteger();
    private volatile boolean closed;

    private JobQueueMetrics(Builder builder) {
        this.jobs = builder.jobs;
        QueueManager queueManager = jobs.queueManager();
        List<String> gauged = builder.queues == null ? List.copyOf(queueManager.queueNames()) : builder.queues;
        for (String name : gauged) {
            if (!queueManager.queueNames().contains(name)) {
                throw new ConfigurationException("cannot bind metrics of queue '" + name + "': it is not configured (configured: "
                        + String.join(", ", queueManager.queueNames()) + ")");
            }
        }
        this.meters = new OwnedMeters(builder.registry);
        this.jobMeters = new JobMeters(meters, new QueueNames(queueManager), builder.registry.config().clock());
        try {
            for (String name : queueManager.queueNames()) {
                jobMeters.register(name);
            }
            for (String name : gauged) {
                QueueGauges.register(meters, queueManager, name, builder.registry.config().clock(), builder.countsInterval);
            }
        } catch (RuntimeException e) {
            meters.removeAll();
            throw e;
        }
        jobs.addListener(jobMeters);
        jobs.addInterceptor(jobMeters);
    }

    /** Binds the meters of every configured queue with the default count interval. */
    public static JobQueueMetrics bind(MeterRegistry registry, JobManager jobs) {
        return builder(registry, jobs).bind();
    }

    /** A builder for a binding with other queues or another count interval. */
    public static Builder builder(MeterRegistry registry, JobManager jobs) {
        return new Builder(registry, jobs);
    }

    /**
     * Registers a worker's counters ({@code jobqueue.worker.jobs}, tag {@code worker=name}), read
     * from {@link Worker#stats()} when the registry asks; they stay, with the last counts, until
     * this binding is closed.
     *
     * @param name unique among the workers bound to this registry, e.g. the queue it serves
     * @return this binding
     */
    public JobQueueMetrics bindWorker(Worker worker, String name) {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(name, "name");
        if (closed) {
            throw new IllegalStateException("these metrics were closed; bind the job manager again");
        }
        workers.add(worker); // the registry holds it weakly
        WorkerMeters.register(meters, worker, name);
        return this;
    }

    /** Registers a worker's counters under the name {@code worker-N}, N counting from 1 in this binding. */
    public JobQueueMetrics bindWorker(Worker worker) {
        return bindWorker(worker, "worker-" + workerNumbers.incrementAndGet());
    }

    /** Removes the listener, the interceptor and every meter of this binding. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        jobs.removeInterceptor(jobMeters);
        jobs.removeListener(jobMeters);
        meters.removeAll();
        workers.clear();
    }

    /** Builds a {@link JobQueueMetrics}; {@link #bind()} validates and registers. */
    public static final class Builder {

        private final MeterRegistry registry;
        private final JobManager jobs;
        private List<String> queues;
        private Duration countsInterval = DEFAULT_COUNTS_INTERVAL;

        private Builder(MeterRegistry registry, JobManager jobs) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.jobs = Objects.requireNonNull(jobs, "jobs");
        }

        /**
         * The configured queues whose counts get gauges; default every configured queue. Counters
         * and timers cover every queue regardless.
         */
        public Builder queues(String... names) {
            return queues(Arrays.asList(names));
        }

        /** See {@link #queues(String...)}. */
        public Builder queues(List<String> names) {
            this.queues = new ArrayList<>(new LinkedHashSet<>(Objects.requireNonNull(names, "names")));
            return this;
        }

        /**
         * The least time between two reads of one queue's counts from its backend; default
         * {@link #DEFAULT_COUNTS_INTERVAL}. Scrapes within it see the same values.
         */
        public Builder countsInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("countsInterval of the JobQueue metrics must be positive, was " + interval);
            }
            this.countsInterval = interval;
            return this;
        }

        /**
         * Registers the meters and adds the listener and interceptor to the job manager.
         *
         * @throws ConfigurationException when a queue given to {@link #queues} is not configured
         */
        public JobQueueMetrics bind() {
            return new JobQueueMetrics(this);
        }
    }
}
