package io.jobqueue.spring;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code jobqueue.*} properties: the keys of {@code jobqueue.yaml} in Spring's relaxed spelling
 * ({@code jobqueue.queues.mail.class-name}, {@code .options.table-name}), plus what only an
 * application has (the worker's queues, whether it runs, the inline test mode). The starter reads
 * the queues and presets through the same loader as {@code jobqueue.yaml}, so a typo anywhere under
 * {@code jobqueue} stops start-up naming the key and the nearest known one; this class gives the IDE
 * its completion and the starter the typed values of the worker and testing sections.
 */
@ConfigurationProperties(prefix = "jobqueue")
public class JobQueueProperties {

    /** The queues by name, each as one entry of {@code queues:} in {@code jobqueue.yaml}. */
    private Map<String, Queue> queues = new LinkedHashMap<>();
    /** Presets that queues name with {@code preset}, merged under the queue's own keys. */
    private Map<String, Queue> presets = new LinkedHashMap<>();
    /** The worker that runs inside the application. */
    private Worker worker = new Worker();
    /** Support for the application's tests. */
    private Testing testing = new Testing();
    /**
     * Stop start-up when a queue's backend cannot be reached (default: start, and let the health
     * contributor report it DOWN).
     */
    private boolean failFast;

    public Map<String, Queue> getQueues() {
        return queues;
    }

    public void setQueues(Map<String, Queue> queues) {
        this.queues = queues;
    }

    public Map<String, Queue> getPresets() {
        return presets;
    }

    public void setPresets(Map<String, Queue> presets) {
        this.presets = presets;
    }

    public Worker getWorker() {
        return worker;
    }

    public void setWorker(Worker worker) {
        this.worker = worker;
    }

    public Testing getTesting() {
        return testing;
    }

    public void setTesting(Testing testing) {
        this.testing = testing;
    }

    public boolean isFailFast() {
        return failFast;
    }

    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    /** One queue or preset, with the keys of {@code jobqueue.yaml}. */
    public static class Queue {

        /** Backend alias (memory, jdbc, redis, beanstalkd, fake) or the class name of a queue factory. */
        private String className;
        /** The preset these settings are merged over. */
        private String preset;
        /** Prepended to the queue name in the backend. */
        private String queueNamePrefix;
        /** How often a failing job is released before it is aborted. */
        private Integer maximumNumberOfReleases = 3;
        /** How often a message may be delivered without an outcome before it is aborted unrun. */
        private Integer maximumNumberOfDeliveries = 10;
        /** Run each job in a child JVM. */
        private Boolean executeIsolated = false;
        /** Forward an isolated child's output. */
        private Boolean outputResults = false;
        /** Seconds a job may run before it is interrupted and counts as a failed attempt (unset: no limit). */
        private Double timeout;
        /**
         * Backend options (kebab-case or camelCase: table-name = tableName); a jdbc queue without
         * url or path uses the application's DataSource when there is one.
         */
        private Map<String, Object> options = new LinkedHashMap<>();
        /**
         * When a failed job is tried again: {@code delay} (seconds, a fixed delay as the original's)
         * or exponential backoff ({@code initial-delay}, {@code multiplier}, {@code max-delay},
         * {@code jitter}; the default without {@code delay}), and {@code priority}.
         */
        private Map<String, Object> releaseOptions = new LinkedHashMap<>();

        public String getClassName() {
            return className;
        }

        public void setClassName(String className) {
            this.className = className;
        }

        public String getPreset() {
            return preset;
        }

        public void setPreset(String preset) {
            this.preset = preset;
        }

        public String getQueueNamePrefix() {
            return queueNamePrefix;
        }

        public void setQueueNamePrefix(String queueNamePrefix) {
            this.queueNamePrefix = queueNamePrefix;
        }

        public Integer getMaximumNumberOfReleases() {
            return maximumNumberOfReleases;
        }

        public void setMaximumNumberOfReleases(Integer maximumNumberOfReleases) {
            this.maximumNumberOfReleases = maximumNumberOfReleases;
        }

        public Integer getMaximumNumberOfDeliveries() {
            return maximumNumberOfDeliveries;
        }

        public void setMaximumNumberOfDeliveries(Integer maximumNumberOfDeliveries) {
            this.maximumNumberOfDeliveries = maximumNumberOfDeliveries;
        }

        public Boolean getExecuteIsolated() {
            return executeIsolated;
        }

        public void setExecuteIsolated(Boolean executeIsolated) {
            this.executeIsolated = executeIsolated;
        }

        public Boolean getOutputResults() {
            return outputResults;
        }

        public void setOutputResults(Boolean outputResults) {
            this.outputResults = outputResults;
        }

        public Double getTimeout() {
            return timeout;
        }

        public void setTimeout(Double timeout) {
            this.timeout = timeout;
        }

        public Map<String, Object> getOptions() {
            return options;
        }

        public void setOptions(Map<String, Object> options) {
            this.options = options;
        }

        public Map<String, Object> getReleaseOptions() {
            return releaseOptions;
        }

        public void setReleaseOptions(Map<String, Object> releaseOptions) {
            this.releaseOptions = releaseOptions;
        }
    }

    /** The worker of the application: it runs only when {@code queues} names at least one queue. */
    public static class Worker {

        /** The queues the application's worker takes jobs from; none: no worker starts. */
        private List<String> queues = new ArrayList<>();
        /** Whether the worker starts with the application (when it has queues). */
        private boolean enabled = true;
        /** Jobs at once. */
        private Integer concurrency = 1;
        /** Messages reserved ahead of free job threads (unset: adapts to the jobs). */
        private Integer prefetch;
        /** Most messages reserved in one call. */
        private Integer batchSize;
        /** Longest single wait on a queue (a number is seconds). */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration pollTimeout;
        /** How long running jobs may take to finish when the application stops (a number is seconds). */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration gracePeriod = Duration.ofSeconds(30);
        /** How often the worker publishes its heartbeat; 0 publishes none (a number is seconds). */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration heartbeatInterval = Duration.ofSeconds(10);

        public List<String> getQueues() {
            return queues;
        }

        public void setQueues(List<String> queues) {
            this.queues = queues;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Integer getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(Integer concurrency) {
            this.concurrency = concurrency;
        }

        public Integer getPrefetch() {
            return prefetch;
        }

        public void setPrefetch(Integer prefetch) {
            this.prefetch = prefetch;
        }

        public Integer getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(Integer batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getPollTimeout() {
            return pollTimeout;
        }

        public void setPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }

        public Duration getGracePeriod() {
            return gracePeriod;
        }

        public void setGracePeriod(Duration gracePeriod) {
            this.gracePeriod = gracePeriod;
        }

        public Duration getHeartbeatInterval() {
            return heartbeatInterval;
        }

        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }
    }

    /** Support for the application's tests. */
    public static class Testing {

        /**
         * Run every queued job and deferred call at once, in the calling thread (every queue becomes
         * the {@code fake} backend), for the application's tests.
         */
        private boolean inline;

        public boolean isInline() {
            return inline;
        }

        public void setInline(boolean inline) {
            this.inline = inline;
        }
    }
}
