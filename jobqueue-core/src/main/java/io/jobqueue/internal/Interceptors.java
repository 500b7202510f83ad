package io.jobqueue.internal;

import io.jobqueue.JobInterceptor;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A job manager's interceptors, nested in the order they were added (the first is outermost). Thread-safe. */
public final class Interceptors {

    private final List<JobInterceptor> interceptors = new CopyOnWriteArrayList<>();

    public void add(JobInterceptor interceptor) {
        interceptors.add(interceptor);
    }

    public void remove(JobInterceptor interceptor) {
        interceptors.remove(interceptor);
    }

    /** Submits through every interceptor. */
    public List<String> submit(Queue queue, int count, SubmitOptions options, JobInterceptor.Submission submission) {
        if (interceptors.isEmpty()) {
            return submission.proceed(options);
        }
        return submit(List.copyOf(interceptors), 0, queue, count, options, submission);
    }

    /** Executes through every interceptor. */
    public boolean execute(Queue queue, Message message, JobInterceptor.Execution execution) throws Exception {
        if (interceptors.isEmpty()) {
            return execution.proceed();
        }
        return execute(List.copyOf(interceptors), 0, queue, message, execution);
    }

    private static List<String> submit(List<JobInterceptor> chain, int at, Queue queue, int count, SubmitOptions options,
            JobInterceptor.Submission submission) {
        if (at == chain.size()) {
            return submission.proceed(options);
        }
        return chain.get(at).aroundSubmit(queue, count, options,
                next -> submit(chain, at + 1, queue, count, next, submission));
    }

    private static boolean execute(List<JobInterceptor> chain, int at, Queue queue, Message message,
            JobInterceptor.Execution execution) throws Exception {
        if (at == chain.size()) {
            return execution.proceed();
        }
        return chain.get(at).aroundExecution(queue, message, () -> execute(chain, at + 1, queue, message, execution));
    }
}
