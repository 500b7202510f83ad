/**
 * Tracing for JobQueue with the OpenTelemetry API: a PRODUCER span for every submit, whose context
 * travels in the message headers, and a CONSUMER span around every execution, after the
 * OpenTelemetry messaging conventions. {@code io.jobqueue.opentelemetry.internal} is not exported.
 */
// opentelemetry-api has no module descriptor, only a name; its types are in this module's API, so it is transitive
@SuppressWarnings("requires-transitive-automatic")
module io.jobqueue.opentelemetry {
    requires transitive io.jobqueue.core;
    requires transitive io.opentelemetry.api;
    requires io.opentelemetry.context;

    exports io.jobqueue.opentelemetry;

    provides io.jobqueue.JobInterceptor with io.jobqueue.opentelemetry.GlobalJobQueueTracing;
}
