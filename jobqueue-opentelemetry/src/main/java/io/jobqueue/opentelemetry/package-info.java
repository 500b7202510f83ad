/**
 * Tracing of submits and executions with the OpenTelemetry API: {@link
 * io.jobqueue.opentelemetry.JobQueueTracing#create} gives the interceptor for an {@code
 * OpenTelemetry} the application holds, and {@link io.jobqueue.opentelemetry.GlobalJobQueueTracing}
 * is the one {@code JobManager.addDiscoveredInterceptors} (and so {@code jobqueue job:work}) finds,
 * over {@code GlobalOpenTelemetry}. Spans, attributes and setup: {@code docs/tracing.md}.
 */
package io.jobqueue.opentelemetry;
