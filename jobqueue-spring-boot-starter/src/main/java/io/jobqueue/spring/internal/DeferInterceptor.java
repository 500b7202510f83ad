package io.jobqueue.spring.internal;

import io.jobqueue.Capability;
import io.jobqueue.Defer;
import io.jobqueue.Job;
import io.jobqueue.JobManager;
import io.jobqueue.MethodCallJob;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.SubmitOptions;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodClassKey;

/**
 * The advice on beans with {@code @Defer} methods: a call of such a method is queued as a
 * {@link MethodCallJob} of the bean's own class (never a proxy class) with the annotation's queue,
 * delay and priority, and returns null at once; when other beans share the class, the job carries
 * the bean's name ({@link DeferredBeanCall}). A {@code fake} queue (what every queue is with
 * {@code jobqueue.testing.inline=true}) runs the call at once, its delay ignored. When this thread is running that very method as a
 * job, the call proceeds to the bean instead, so it is not deferred again. Thread-safe.
 */
public final class DeferInterceptor implements MethodInterceptor {

    private static final String FAKE = "fake";

    private final ObjectProvider<JobManager> jobManager;
    private final SpringInstanceResolver beans;
    private final Map<MethodClassKey, Plan> plans = new ConcurrentHashMap<>();
    private volatile JobManager jobs;

    /**
     * @param jobManager the job manager calls are queued with, looked up at the first call (it
     *                   does not exist yet when post-processors are made)
     * @param beans      the beans with {@code @Defer} methods, to tell beans of one class apart
     */
    public DeferInterceptor(ObjectProvider<JobManager> jobManager, SpringInstanceResolver beans) {
        this.jobManager = jobManager;
        this.beans = beans;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        Method method = invocation.getMethod();
        if (target == null) {
            return invocation.proceed();
        }
        Class<?> userClass = SpringInstanceResolver.userClass(target);
        Plan plan = plans.computeIfAbsent(new MethodClassKey(method, userClass), key -> plan(method, userClass));
        if (plan.defer == null || MethodCallJob.isRunningInThisThread(userClass, method)) {
            return invocation.proceed();
        }
        JobManager manager = jobs();
        MethodCallJob call = MethodCallJob.of(userClass, method, invocation.getArguments(), manager.serializer().mapper());
        String bean = beans.nameWhenShared(userClass, target);
        Job job = bean == null ? call : new DeferredBeanCall(bean, call);
        manager.queue(plan.defer.queue(), job, options(manager, plan));
        return null;
    }

    /** The plan's options; without the delay on a {@code fake} queue (inline mode), which runs every job at once. */
    private static SubmitOptions options(JobManager manager, Plan plan) {
        if (plan.options.delay().isZero()) {
            return plan.options;
        }
        QueueCapabilities capabilities = manager.queueManager().getQueue(plan.defer.queue()).capabilities();
        return FAKE.equals(capabilities.backend()) && !capabilities.has(Capability.DELAY)
                ? plan.options.withDelay(Duration.ZERO) : plan.options;
    }

    private JobManager jobs() {
        JobManager found = jobs;
        if (found == null) {
            found = jobManager.getObject();
            jobs = found;
        }
        return found;
    }

    private static Plan plan(Method method, Class<?> userClass) {
        Defer defer = DeferChecks.deferOf(method, userClass);
        return new Plan(defer, defer == null ? null : DeferChecks.submitOptions(defer));
    }

    private record Plan(Defer defer, SubmitOptions options) {
    }
}
