/**
 * What applications use to measure their queues with Micrometer: {@link io.jobqueue.micrometer.JobQueueMetrics},
 * which binds a job manager's counters, timers and gauges to a {@code MeterRegistry}. The meters are
 * listed in {@code docs/metrics.md}.
 */
package io.jobqueue.micrometer;
