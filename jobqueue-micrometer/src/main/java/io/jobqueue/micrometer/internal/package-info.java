/**
 * The listener, interceptor and cached queue counts behind {@link io.jobqueue.micrometer.JobQueueMetrics};
 * not exported, may change in any release.
 */
package io.jobqueue.micrometer.internal;
