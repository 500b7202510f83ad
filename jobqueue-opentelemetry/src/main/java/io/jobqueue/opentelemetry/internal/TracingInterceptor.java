package io.jobqueue.opentelemetry.internal;

import static io.jobqueue.opentelemetry.internal.MessagingAttributes.BATCH_MESSAGE_COUNT;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.DELIVERIES;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.DESTINATION_NAME;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.ERROR_TYPE;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.MESSAGE_ID;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.OPERATION_NAME;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.OPERATION_TYPE;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.PROCESS;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.PROPAGATION_SKIPPED_REASON;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.RELEASES;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.RETURNED_FALSE;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.SEND;
import static io.jobqueue.opentelemetry.internal.MessagingAttributes.SYSTEM;

import io.jobqueue.JobInterceptor;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.Headers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Spans around submits and executions, after the OpenTelemetry messaging conventions; see {@code
 * JobQueueTracing} for the contract. Thread-safe: it holds only a tracer and a propagator.
 */
public final class TracingInterceptor implements JobInterceptor {

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    TracingInterceptor(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.propagator = Objects.requireNonNull(propagator, "propagator");
    }

    /** The interceptor over an instance's tracer (of that scope name) and text-map propagator. */
    public static TracingInterceptor over(OpenTelemetry openTelemetry, String instrumentationName) {
        return new TracingInterceptor(openTelemetry.getTracer(instrumentationName),
                openTelemetry.getPropagators().getTextMapPropagator());
    }

    @Override
    public List<String> aroundSubmit(Queue queue, int count, SubmitOptions options, Submission submission) {
        SpanBuilder builder = tracer.spanBuilder(SEND + " " + queue.name())
                .setSpanKind(SpanKind.PRODUCER)
                .setAllAttributes(common(queue, SEND));
        if (count > 1) {
            builder.setAttribute(BATCH_MESSAGE_COUNT, (long) count); // at start, where a sampler sees it
        }
        Span span = builder.startSpan();
        Scope scope = span.makeCurrent();
        try {
            List<String> ids = submission.proceed(withTraceHeaders(queue, options, span));
            if (ids.size() == 1) {
                span.setAttribute(MESSAGE_ID, ids.get(0));
            }
            return ids;
        } catch (Throwable e) { // what the submit threw goes on unchanged; the span says it failed
            failed(span, e);
            throw e;
        } finally {
            scope.close();
            span.end();
        }
    }

    @Override
    public boolean aroundExecution(Queue queue, Message message, Execution execution) throws Exception {
        Context parent = propagator.extract(Context.current(), message.headers(), HeaderCarrier.GETTER);
        SpanBuilder builder = tracer.spanBuilder(PROCESS + " " + queue.name())
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAllAttributes(common(queue, PROCESS))
                .setAttribute(MESSAGE_ID, message.id())
                .setAttribute(RELEASES, (long) message.numberOfReleases())
                .setAttribute(DELIVERIES, (long) message.numberOfDeliveries());
        // the conventions want every process span linked to its message's creation context; the parent
        // is allowed on top when a span handles one message, which an execution always does
        SpanContext submitted = Span.fromContext(parent).getSpanContext();
        if (submitted.isValid() && submitted.isRemote()) {
            builder.addLink(submitted);
        }
        Span span = builder.startSpan();
        // the extracted context stays current under the span: baggage from the submitter reaches the job
        Scope scope = parent.with(span).makeCurrent();
        try {
            boolean succeeded = execution.proceed();
            if (!succeeded) {
                span.setAttribute(ERROR_TYPE, RETURNED_FALSE);
                span.setStatus(StatusCode.ERROR, "the job returned false");
            }
            return succeeded;
        } catch (Throwable e) { // a job's Error is a failure too; it goes on unchanged to the job manager
            failed(span, e);
            throw e;
        } finally {
            scope.close();
            span.end();
        }
    }

    private static Attributes common(Queue queue, String operation) {
        return Attributes.of(SYSTEM, queue.capabilities().backend(), DESTINATION_NAME, queue.name(),
                OPERATION_TYPE, operation, OPERATION_NAME, operation);
    }

    /**
     * The options with the span's context in their headers, or unchanged when the propagator writes
     * nothing or what it writes would break the header rules (too many, too long, a name the rules
     * refuse): tracing never makes a submit fail.
     */
    private SubmitOptions withTraceHeaders(Queue queue, SubmitOptions options, Span span) {
        Map<String, String> fields = new LinkedHashMap<>();
        propagator.inject(Context.current(), fields, HeaderCarrier.SETTER);
        if (fields.isEmpty()) {
            return options;
        }
        Map<String, String> merged = new LinkedHashMap<>(options.headers());
        merged.putAll(fields);
        try {
            Headers.check(queue.name(), merged);
        } catch (IllegalArgumentException e) {
            span.addEvent("jobqueue.propagation.skipped", Attributes.of(PROPAGATION_SKIPPED_REASON, e.getMessage()));
            return options;
        }
        SubmitOptions traced = options;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            traced = traced.withHeader(field.getKey(), field.getValue());
        }
        return traced;
    }

    private static void failed(Span span, Throwable e) {
        span.recordException(e);
        span.setAttribute(ERROR_TYPE, e.getClass().getName());
        span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
    }
}
