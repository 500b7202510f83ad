package io.jobqueue.opentelemetry;

import io.jobqueue.JobInterceptor;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.opentelemetry.internal.GlobalInstance;
import java.util.List;

/**
 * The tracing interceptor over {@code GlobalOpenTelemetry}, listed in {@code
 * META-INF/services/io.jobqueue.JobInterceptor}, so that {@code JobManager.addDiscoveredInterceptors}
 * (and {@code jobqueue job:work} with this module on its class path) traces without code.
 *
 * <p>It traces as {@link JobQueueTracing#create} does once a global instance exists: one set by the
 * application or the OpenTelemetry Java agent, or, when {@code otel.java.global-autoconfigure.enabled}
 * (or {@code OTEL_JAVA_GLOBAL_AUTOCONFIGURE_ENABLED}) is true and the SDK's autoconfigure module is
 * on the class path, one configured from the {@code OTEL_*} variables at the first submit or
 * execution. Until then it only proceeds, and it never calls {@code GlobalOpenTelemetry.get()}
 * itself, which would fix the global instance to a no-op and make the application's later {@code
 * set} fail. Thread-safe.
 */
public final class GlobalJobQueueTracing implements JobInterceptor {

    private final GlobalInstance global = new GlobalInstance();

    @Override
    public List<String> aroundSubmit(Queue queue, int count, SubmitOptions options, Submission submission) {
        JobInterceptor tracing = global.interceptor();
        return tracing == null ? submission.proceed(options) : tracing.aroundSubmit(queue, count, options, submission);
    }

    @Override
    public boolean aroundExecution(Queue queue, Message message, Execution execution) throws Exception {
        JobInterceptor tracing = global.interceptor();
        return tracing == null ? execution.proceed() : tracing.aroundExecution(queue, message, execution);
    }
}
