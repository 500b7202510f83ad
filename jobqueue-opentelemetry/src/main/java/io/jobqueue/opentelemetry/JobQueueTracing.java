package io.jobqueue.opentelemetry;

import io.jobqueue.JobInterceptor;
import io.jobqueue.opentelemetry.internal.TracingInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * Makes the tracing interceptor for an {@link OpenTelemetry} the application holds.
 *
 * <pre>{@code
 * jobs.addInterceptor(JobQueueTracing.create(openTelemetry));
 * }</pre>
 *
 * <p>The interceptor starts a {@code PRODUCER} span {@code send <queue>} around every submit (one
 * for a whole {@code queueAll} batch) and writes its context into the message headers with the
 * OpenTelemetry instance's propagator (W3C {@code traceparent} with the SDK's defaults); it starts a
 * {@code CONSUMER} span {@code process <queue>} around every execution, as a child of the context
 * it reads back from the headers and with a link to it, and makes it current while the job runs, so
 * the job's own spans nest under it. A message without trace headers gets a span in a new trace (or under the span
 * current on the executing thread). A job that throws or returns false ends its span with status
 * {@code ERROR}; what it threw is recorded as an exception event and passed on unchanged.
 *
 * <p>Trace headers are added only when they fit the header rules ({@code io.jobqueue.spi.Headers}):
 * a submit whose own headers leave no room for them is submitted without them (its span says so in
 * an event), never refused because of tracing. With {@code OpenTelemetry.noop()} (an API without
 * an SDK) nothing is recorded and no header is added. The interceptor is thread-safe.
 */
public final class JobQueueTracing {

    /** The instrumentation scope name of the spans: the artifact of this module. */
    public static final String INSTRUMENTATION_NAME = "io.jobqueue.opentelemetry";

    private JobQueueTracing() {
    }

    /** The tracing interceptor over {@code openTelemetry}'s tracer provider and text-map propagator. */
    public static JobInterceptor create(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        return TracingInterceptor.over(openTelemetry, INSTRUMENTATION_NAME);
    }
}
