package io.jobqueue;

import io.jobqueue.internal.ClassProxies;
import io.jobqueue.internal.DeferredMethods;
import io.jobqueue.internal.DeferringHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes deferring proxies in plain Java: a call of a {@link Defer @Defer} method on the proxy
 * queues a {@link MethodCallJob} with the annotation's queue, delay and priority, and returns at
 * once; every other method runs on the target as usual.
 *
 * <pre>{@code
 * Mailer mailer = Deferred.proxy(jobManager, Mailer.class, new SmtpMailer(config));
 * mailer.sendWelcome("someone@example.com");   // queued on "email", returns at once
 * }</pre>
 *
 * <p>An interface gets a JDK dynamic proxy (the annotation may sit on the interface's method or
 * on the implementing class's); a class gets a Byte Buddy subclass, made without running its
 * constructors. Annotated methods are checked when the proxy is made, not at the first call: one
 * that is not public, is static, does not return void, or is final in a proxied class (or a final
 * or sealed class), or names a queue that is not configured, makes {@link #proxy} throw a
 * {@link ConfigurationException} naming {@code Class#method} and why.
 *
 * <p>The proxy registers its real target with the {@link InstanceResolver#defaultResolver()
 * default resolver} when that is an {@link InstanceRegistry} (it is, unless replaced), under the
 * class the job names; a later proxy of a target of the same class replaces it. So a worker in
 * this JVM calls the same object the proxy wraps, never the proxy: the call is not deferred again.
 * A worker in another JVM resolves the class there (see {@link InstanceRegistry}).
 */
public final class Deferred {

    private Deferred() {
    }

    /**
     * A proxy of {@code type} that defers the {@code @Defer} methods of {@code target}.
     *
     * @param jobs   the job manager calls are queued with
     * @param type   an interface {@code target} implements, or a non-final class it extends (or its own)
     * @param target the real object; never a deferring proxy
     * @throws ConfigurationException naming each bad {@code @Defer} method and why
     * @throws IllegalArgumentException when {@code target} is not a {@code type}, or is a proxy itself
     */
    public static <T> T proxy(JobManager jobs, Class<T> type, T target) {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        if (type.isPrimitive() || type.isArray() || type.isAnnotation() || !type.isInstance(target)) {
            throw new IllegalArgumentException("cannot make a deferring proxy of " + type.getName() + " for a "
                    + target.getClass().getName());
        }
        if (isProxy(target)) {
            throw new IllegalArgumentException("the target is a deferring proxy already; pass the real object");
        }
        boolean classProxy = !type.isInterface();
        List<String> problems = new ArrayList<>();
        if (classProxy && type.isSealed()) {
            problems.add(type.getName() + " is sealed, so no proxy can subclass it (use an interface)");
        }
        problems.addAll(DeferredMethods.problems(type, target.getClass(), classProxy, queue -> queueProblem(jobs, queue)));
        if (!problems.isEmpty()) {
            throw new ConfigurationException("cannot make a deferring proxy of " + type.getName() + ": "
                    + String.join("; ", problems) + " (a @Defer method must be public, not static, not final, return void"
                    + " and name a configured queue)");
        }
        Class<?> targetType = DeferredMethods.targetType(type, target);
        if (InstanceResolver.defaultResolver() instanceof InstanceRegistry registry) {
            register(registry, targetType, target);
        }
        DeferringHandler handler = new DeferringHandler(jobs, target, targetType);
        if (classProxy) {
            return ClassProxies.create(type, handler);
        }
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : Deferred.class.getClassLoader();
        return type.cast(Proxy.newProxyInstance(loader, new Class<?>[] {type}, handler));
    }

    /** True when {@code object} is a proxy made by {@link #proxy}. */
    public static boolean isProxy(Object object) {
        if (object == null) {
            return false;
        }
        return ClassProxies.isProxy(object)
                || Proxy.isProxyClass(object.getClass()) && Proxy.getInvocationHandler(object) instanceof DeferringHandler;
    }

    @SuppressWarnings("unchecked")
    private static <T> void register(InstanceRegistry registry, Class<T> type, Object target) {
        registry.register(type, (T) target);
    }

    private static String queueProblem(JobManager jobs, String queue) {
        try {
            jobs.queueManager().getQueueSettings(queue);
            return null;
        } catch (ConfigurationException e) {
            return e.getMessage();
        }
    }
}
