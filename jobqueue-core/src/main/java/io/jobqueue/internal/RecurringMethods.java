package io.jobqueue.internal;

import io.jobqueue.Recurring;
import io.jobqueue.RecurringJob;
import io.jobqueue.RecurringMethodJob;
import io.jobqueue.UnreadablePayloadException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reflection around {@link Recurring}: the methods a {@link RecurringMethodJob} may call, and the
 * entries declared by annotations. Stateless and thread-safe.
 */
public final class RecurringMethods {

    private RecurringMethods() {
    }

    /** Loads a class as method-call jobs do (the thread's context class loader first). */
    public static Class<?> load(String name, ClassLoader fallback) {
        try {
            return DeferredMethods.load(name, fallback);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UnreadablePayloadException("class " + name + " of a recurring method is not on the class path", e);
        }
    }

    /** {@link #method(Class, String)} of a class named by a payload. */
    public static Method method(String typeName, String methodName, ClassLoader fallback) {
        if (typeName == null || methodName == null) {
            throw new UnreadablePayloadException("a recurring method job names no " + (typeName == null ? "class" : "method"), null);
        }
        return method(load(typeName, fallback), methodName);
    }

    /**
     * The public no-argument method of that name, when it is annotated {@code @Recurring} (on the
     * method or on one it overrides).
     *
     * @throws UnreadablePayloadException saying what is wrong
     */
    public static Method method(Class<?> type, String methodName) {
        String signature = type.getName() + "#" + methodName + "()";
        Method method;
        try {
            method = type.getMethod(methodName);
        } catch (NoSuchMethodException e) {
            throw new UnreadablePayloadException("method " + signature + " does not exist or is not public", e);
        }
        if (Modifier.isStatic(method.getModifiers())) {
            throw new UnreadablePayloadException("method " + signature + " is static; a recurring method must be an instance method", null);
        }
        if (recurringOf(type, methodName) == null) {
            throw new UnreadablePayloadException("refusing to call " + signature + ": it is not annotated @Recurring", null);
        }
        method.trySetAccessible();
        return method;
    }

    /** The entries declared by the annotated methods of a class that name a cron expression and a queue. */
    public static List<RecurringJob> entries(Class<?> type) {
        List<RecurringJob> entries = new ArrayList<>();
        for (Method method : type.getMethods()) {
            Recurring recurring = recurringOf(type, method.getName());
            if (method.getParameterCount() != 0 || recurring == null || recurring.cron().isEmpty() || recurring.queue().isEmpty()) {
                continue;
            }
            String name = recurring.name().isEmpty() ? type.getSimpleName() + "." + method.getName() : recurring.name();
            try {
                method(type, method.getName());
            } catch (UnreadablePayloadException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            entries.add(RecurringJob.builder(name).cron(recurring.cron()).zone(recurring.zone()).queue(recurring.queue())
                    .missed(recurring.missed()).job(RecurringMethodJob.class.getName(), jsonOf(type.getName(), method.getName()))
                    .build());
        }
        entries.sort(Comparator.comparing(RecurringJob::name));
        return entries;
    }

    /** The job's fields for a recurring method, as JSON. */
    public static String jsonOf(String typeName, String methodName) {
        var mapper = io.jobqueue.JobSerializer.defaultSerializer().mapper();
        return mapper.createObjectNode().put("targetType", typeName).put("method", methodName).toString();
    }

    private static Recurring recurringOf(Class<?> type, String methodName) {
        for (Class<?> c : DeferredMethods.hierarchy(type)) {
            try {
                Recurring recurring = c.getDeclaredMethod(methodName).getAnnotation(Recurring.class);
                if (recurring != null) {
                    return recurring;
                }
            } catch (NoSuchMethodException e) {
                // not declared here; look further up
            }
        }
        return null;
    }
}
