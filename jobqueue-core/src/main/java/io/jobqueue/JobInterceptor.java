package io.jobqueue;

import java.util.List;

/**
 * Wraps every submit and every execution of a {@link JobManager}, for instruments that must be
 * around the work rather than told after it: a tracing span that starts before the submit and
 * carries its context in the message's headers, a timer of the execution. Registered with
 * {@link JobManager#addInterceptor}; interceptors nest in the order they were added (the first is
 * outermost). Both methods have defaults that only proceed, so an interceptor implements what it
 * needs.
 *
 * <p>An interceptor must call {@code proceed} exactly once and return what it returns, or let what
 * it throws pass: what a job throws is its failure and decides the message's outcome. It runs on
 * the thread that submits or executes, so it may use thread-local context (a span scope, the SLF4J
 * MDC, which the job manager already fills during an execution: see {@link JobManager}).
 */
public interface JobInterceptor {

    /**
     * Wraps the submit of {@code count} payloads to a queue (one {@link JobManager#queue} or
     * {@link JobManager#queueAll} call).
     *
     * @param options    the options the caller gave; pass them on, or a copy with headers added
     * @param submission the submit itself; returns the new message ids in order
     * @return the ids {@code submission} returned
     */
    default List<String> aroundSubmit(Queue queue, int count, SubmitOptions options, Submission submission) {
        return submission.proceed(options);
    }

    /**
     * Wraps the run of a reserved message's job in this JVM (or of the child JVM that runs it, with
     * {@code executeIsolated}).
     *
     * @return what {@code execution} returned: whether the job succeeded
     * @throws Exception what the job threw
     */
    default boolean aroundExecution(Queue queue, Message message, Execution execution) throws Exception {
        return execution.proceed();
    }

    /** The submit an interceptor wraps. */
    @FunctionalInterface
    interface Submission {
        /** Submits with these options; returns the ids. */
        List<String> proceed(SubmitOptions options);
    }

    /** The execution an interceptor wraps. */
    @FunctionalInterface
    interface Execution {
        /** Runs the job; returns whether it succeeded. */
        boolean proceed() throws Exception;
    }
}
