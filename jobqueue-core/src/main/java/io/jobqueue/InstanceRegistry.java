package io.jobqueue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link InstanceResolver}: registered instances first, else a new object built with
 * the class's no-argument constructor (public or not).
 *
 * <p>A type resolves to the instance registered under exactly that type, else to the one
 * registered instance that is an instance of it (so an instance registered under its interface
 * serves a job that names its class). Registering again under the same type replaces the earlier
 * instance. An unregistered type gets a <em>new</em> object for every job, so state is never
 * shared between jobs by accident; register an instance to share one.
 *
 * <p>Thread-safe.
 */
public final class InstanceRegistry implements InstanceResolver {

    private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

    /** Registers the instance that jobs naming {@code type} are run on; replaces an earlier one. */
    public <T> InstanceRegistry register(Class<T> type, T instance) {
        if (type == null || instance == null) {
            throw new IllegalArgumentException("type and instance must not be null");
        }
        if (!type.isInstance(instance)) {
            throw new IllegalArgumentException(instance.getClass().getName() + " is not a " + type.getName());
        }
        instances.put(type, instance);
        return this;
    }

    /** Forgets the instance registered under exactly this type; true when there was one. */
    public boolean unregister(Class<?> type) {
        return instances.remove(type) != null;
    }

    /** The instance registered under exactly this type, or null. */
    public Object registered(Class<?> type) {
        return instances.get(type);
    }

    /**
     * {@inheritDoc}
     *
     * @throws JobQueueException naming the type when nothing is registered for it and it has no
     *                           usable no-argument constructor, or when several registered
     *                           instances fit
     */
    @Override
    public Object resolve(Class<?> type) {
        Object exact = instances.get(type);
        if (exact != null) {
            return exact;
        }
        List<Object> fitting = new ArrayList<>();
        for (Object instance : instances.values()) {
            if (type.isInstance(instance) && !fitting.contains(instance)) {
                fitting.add(instance);
            }
        }
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        if (fitting.size() > 1) {
            throw new JobQueueException("cannot choose an instance of " + type.getName() + ": " + fitting.size()
                    + " registered instances fit; register one under exactly " + type.getSimpleName() + ".class");
        }
        return construct(type);
    }

    private static Object construct(Class<?> type) {
        String advice = "; register an instance with InstanceRegistry.register(" + type.getSimpleName()
                + ".class, …) or set InstanceResolver.setDefault(…)";
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new JobQueueException("cannot create an instance of " + type.getName() + ": it is "
                    + (type.isInterface() ? "an interface" : "abstract") + advice);
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new JobQueueException("cannot create an instance of " + type.getName()
                    + ": it is an inner class and needs an enclosing instance" + advice);
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new JobQueueException("cannot create an instance of " + type.getName()
                    + ": it has no no-argument constructor" + advice, e);
        }
        if (!constructor.trySetAccessible()) {
            throw new JobQueueException("cannot create an instance of " + type.getName()
                    + ": its no-argument constructor is not accessible" + advice);
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new JobQueueException("cannot create an instance of " + type.getName()
                    + ": its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new JobQueueException("cannot create an instance of " + type.getName() + ": " + e, e);
        }
    }
}
