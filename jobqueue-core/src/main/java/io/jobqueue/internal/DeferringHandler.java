package io.jobqueue.internal;

import io.jobqueue.Defer;
import io.jobqueue.JobManager;
import io.jobqueue.JobSerializationException;
import io.jobqueue.MethodCallJob;
import io.jobqueue.SubmitOptions;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a deferring proxy does with a call: a {@code @Defer} method is queued as a
 * {@link MethodCallJob} and returns null at once (unless this thread is running that very method
 * as a job, then it runs now); every other method is passed to the real target. Thread-safe.
 */
public final class DeferringHandler implements InvocationHandler {

    private final JobManager jobs;
    private final Object target;
    private final Class<?> targetType;
    private final Map<Method, Plan> plans = new ConcurrentHashMap<>();

    public DeferringHandler(JobManager jobs, Object target, Class<?> targetType) {
        this.jobs = jobs;
        this.target = target;
        this.targetType = targetType;
    }

    /** The real object calls are passed to. */
    public Object target() {
        return target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Plan plan = plans.computeIfAbsent(method, this::plan);
        if (plan.defer == null || RunningMethods.isRunning(plan.key)) {
            return callTarget(method, args);
        }
        checkArguments(method, args);
        MethodCallJob job = MethodCallJob.of(targetType, method, args, jobs.serializer().mapper());
        jobs.queue(plan.defer.queue(), job, plan.options);
        return null;
    }

    /** Refuses a call whose argument value cannot travel (a subclass of the declared type may be one). */
    private void checkArguments(Method method, Object[] args) {
        if (args == null) {
            return;
        }
        for (int i = 0; i < args.length; i++) {
            String why = args[i] == null ? null : DeferredMethods.untravellable(args[i].getClass());
            if (why != null) {
                throw new JobSerializationException("argument " + (i + 1) + " of the deferred call "
                        + targetType.getName() + "#" + method.getName() + " cannot travel as JSON: " + why
                        + "; nothing was queued", MethodCallJob.class.getName(), "arguments[" + i + "]", null);
            }
        }
    }

    private Object callTarget(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Plan plan(Method method) {
        method.trySetAccessible();
        Defer defer = DeferredMethods.deferOf(target.getClass(), method);
        if (defer == null) {
            return new Plan(null, null, null);
        }
        Method implementation = DeferredMethods.implementation(targetType, method);
        String key = DeferredMethods.key(targetType.getName(), implementation.getName(),
                DeferredMethods.names(implementation.getParameterTypes()));
        return new Plan(defer, DeferredMethods.submitOptions(defer), key);
    }

    private record Plan(Defer defer, SubmitOptions options, String key) {
    }
}
