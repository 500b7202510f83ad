package io.jobqueue.opentelemetry;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The jobs of the tests; they travel as JSON, so they keep only a key. */
final class TestJobs {

    /** The span context current while each {@link RecordingJob} ran, by key. */
    static final Map<String, SpanContext> CURRENT_SPAN = new ConcurrentHashMap<>();
    /** The baggage entry {@code tenant} each {@link RecordingJob} saw, by key ("" for none). */
    static final Map<String, String> TENANT = new ConcurrentHashMap<>();

    private TestJobs() {
    }

    /** Records the span and baggage current while it runs, and succeeds. */
    record RecordingJob(String key) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            CURRENT_SPAN.put(key, Span.current().getSpanContext());
            String tenant = Baggage.current().getEntryValue("tenant");
            TENANT.put(key, tenant == null ? "" : tenant);
            return true;
        }
    }

    /** Throws, as a job whose mail server is down. */
    record ThrowingJob(String reason) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            throw new IllegalStateException(reason);
        }
    }

    /** Returns false: a failure without an exception. */
    record FalseReturningJob(String key) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return false;
        }
    }
}
