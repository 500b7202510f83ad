package io.jobqueue.opentelemetry;

import io.jobqueue.JobInterceptor;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A test-only service entry: when the system property {@value #SPAN_FILE} names a file, it traces
 * with {@link JobQueueTracing} over an SDK whose spans go to that file as lines of JSON; without the
 * property it only proceeds. The cross-JVM test starts {@code jobqueue job:work} with it on the
 * class path, as a user would put the module and an SDK on {@code --classpath}.
 */
public final class FileExportingTracing implements JobInterceptor {

    /** The system property naming the file the spans are appended to. */
    static final String SPAN_FILE = "jobqueue.test.spanFile";

    private final JobInterceptor tracing;

    public FileExportingTracing() {
        String file = System.getProperty(SPAN_FILE);
        tracing = file == null ? null : JobQueueTracing.create(TestTelemetry.exportingTo(new SpanLineExporter(Path.of(file))));
    }

    @Override
    public List<String> aroundSubmit(Queue queue, int count, SubmitOptions options, Submission submission) {
        return tracing == null ? submission.proceed(options) : tracing.aroundSubmit(queue, count, options, submission);
    }

    @Override
    public boolean aroundExecution(Queue queue, Message message, Execution execution) throws Exception {
        return tracing == null ? execution.proceed() : tracing.aroundExecution(queue, message, execution);
    }
}
