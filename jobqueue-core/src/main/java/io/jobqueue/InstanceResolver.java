package io.jobqueue;

import io.jobqueue.internal.DefaultResolverHolder;

/**
 * Finds the object a {@link MethodCallJob} calls its method on, when the job runs. The job names
 * only the target's class, so the state of the object the call was made on is not carried over:
 * the resolver decides which instance does the work (a registered singleton, a fresh object, a
 * bean from a dependency-injection container).
 *
 * <p>Method-call jobs are created by Jackson, so they use the process-wide resolver
 * {@link #defaultResolver()}. Out of the box it is an {@link InstanceRegistry}: the real targets
 * of proxies made by {@link Deferred} are registered in it, and any other class is built with its
 * no-argument constructor. Replace it at start with {@link #setDefault}, for example with
 * {@code type -> applicationContext.getBean(type)}.
 *
 * <p>Implementations must be thread-safe: workers call them from many threads. They must return
 * the real object, never a deferring proxy (the call would be queued again, see {@link Deferred}).
 */
@FunctionalInterface
public interface InstanceResolver {

    /**
     * The instance to call a deferred method on.
     *
     * @param type the target class named by the job (the original class, never a proxy class)
     * @return an instance of {@code type}, never null
     * @throws JobQueueException naming the type when no instance can be had
     */
    Object resolve(Class<?> type);

    /** The process-wide resolver that method-call jobs use; an {@link InstanceRegistry} unless replaced. */
    static InstanceResolver defaultResolver() {
        return DefaultResolverHolder.get();
    }

    /**
     * Replaces the process-wide resolver; call it once at start, before proxies are made (a
     * {@link Deferred} proxy registers its target only when the default is an
     * {@link InstanceRegistry}). {@code null} restores a fresh, empty {@link InstanceRegistry}.
     */
    static void setDefault(InstanceResolver resolver) {
        DefaultResolverHolder.set(resolver == null ? new InstanceRegistry() : resolver);
    }
}
