package io.jobqueue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jobqueue.internal.ArgumentLabels;
import io.jobqueue.internal.DeferredMethods;
import io.jobqueue.internal.RunningMethods;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A call of a {@link Defer @Defer} method, made into a job: the target's class, the method's name
 * and parameter types, and the arguments as JSON. What a {@link Deferred} proxy queues; the Java
 * counterpart of the original's {@code StaticMethodCallJob}.
 *
 * <p>The payload stays plain JSON, e.g.
 * {@code {"type":"io.jobqueue.MethodCallJob","job":{"targetType":"com.acme.Mailer","method":"send",
 * "parameterTypes":["java.lang.String","java.util.List"],"arguments":["a@b.c",[{"street":"Main"}]]}}}.
 *
 * <p>When it runs, the job gets the instance from {@link InstanceResolver#defaultResolver()},
 * reads each argument back as the method's <em>generic</em> parameter type (a {@code List<Address>}
 * comes back as a list of {@code Address}), and calls the method. The method's return value is
 * discarded; what it throws propagates, so the job manager releases or aborts the message. A job
 * only ever calls a method annotated {@code @Defer} (on the method or on one it overrides or
 * implements): a payload cannot make a worker call an arbitrary method. A payload whose class,
 * method or arguments no longer fit is unreadable and aborted, not retried.
 *
 * <p>While the method runs, a call of the same method through a deferring proxy in the same
 * thread runs at once instead of being queued again; other {@code @Defer} methods are still
 * deferred.
 */
public final class MethodCallJob implements Job {

    private String targetType;
    private String method;
    private List<String> parameterTypes;
    private ArrayNode arguments;

    /** For Jackson. */
    private MethodCallJob() {
    }

    private MethodCallJob(String targetType, String method, List<String> parameterTypes, ArrayNode arguments) {
        this.targetType = targetType;
        this.method = method;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.arguments = arguments;
    }

    /** A job for a call, with arguments written by the shared {@link JobSerializer}'s mapper. */
    public static MethodCallJob of(Class<?> targetType, Method method, Object... arguments) {
        return of(targetType, method, arguments, JobSerializer.defaultSerializer().mapper());
    }

    /**
     * A job for a call.
     *
     * @param targetType the class whose instance the worker calls: the original class, never a
     *                   proxy class (the worker resolves it through the {@link InstanceResolver})
     * @param method     the method called; when {@code targetType} implements it through a
     *                   compiler bridge (a generic interface), the real method behind it is used
     * @param arguments  the arguments, one per parameter; null stands for a call without any
     * @param mapper     the mapper to write the arguments with (the job serializer's)
     * @throws JobSerializationException naming the argument when it cannot be written as JSON, or
     *                                   cannot be read back as the method's parameter type (as the
     *                                   worker will read it: a {@code Thread}, a stream, …)
     */
    public static MethodCallJob of(Class<?> targetType, Method method, Object[] arguments, ObjectMapper mapper) {
        Method target = DeferredMethods.implementation(targetType, method);
        Object[] values = arguments == null ? new Object[0] : arguments;
        if (values.length != target.getParameterCount()) {
            throw new IllegalArgumentException(targetType.getName() + "#" + method.getName() + " takes "
                    + target.getParameterCount() + " arguments, got " + values.length);
        }
        ArrayNode json = mapper.createArrayNode();
        Type[] parameterTypes = target.getGenericParameterTypes();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                json.addNull();
                continue;
            }
            String argument = "argument " + (i + 1) + " of " + targetType.getName() + "#" + method.getName();
            JsonNode value;
            try {
                value = mapper.valueToTree(values[i]);
            } catch (IllegalArgumentException e) {
                throw refused(argument, values[i], "cannot be written as JSON", e);
            }
            JavaType javaType = mapper.getTypeFactory().constructType(parameterTypes[i]);
            try {
                mapper.treeToValue(value, javaType); // what the worker will do; the value itself is not kept
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw refused(argument, values[i], "cannot be read back as " + javaType.toCanonical() + " (a worker could not call the method)", e);
            }
            json.add(value);
        }
        return new MethodCallJob(targetType.getName(), target.getName(),
                DeferredMethods.names(target.getParameterTypes()), json);
    }

    private static JobSerializationException refused(String argument, Object value, String why, Exception e) {
        String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return new JobSerializationException("cannot queue job " + MethodCallJob.class.getName() + ": " + argument
                + " (a " + value.getClass().getName() + ") " + why + ": " + String.valueOf(detail).replaceAll("\\s*\\R\\s*", " "),
                MethodCallJob.class.getName(), argument, e);
    }

    /**
     * True when the current thread is running this method of this target type as a method-call
     * job; a deferring proxy (or advisor) then calls the method at once instead of queueing it.
     */
    public static boolean isRunningInThisThread(Class<?> targetType, Method method) {
        Method target = DeferredMethods.implementation(targetType, method);
        return RunningMethods.isRunning(DeferredMethods.key(targetType.getName(), target.getName(),
                DeferredMethods.names(target.getParameterTypes())));
    }

    /** The name of the class whose instance is called. */
    public String targetType() {
        return targetType;
    }

    /** The name of the method called. */
    public String methodName() {
        return method;
    }

    /** The {@link Class#getName()} of each parameter type, to tell overloads apart. */
    public List<String> parameterTypes() {
        return parameterTypes;
    }

    /** A copy of the arguments as JSON, one element per parameter. */
    public ArrayNode arguments() {
        return arguments == null ? JobSerializer.defaultSerializer().mapper().createArrayNode() : arguments.deepCopy();
    }

    @Override
    public boolean execute(Queue queue, Message message) throws Exception {
        Class<?> type = load(targetType, "target class");
        Class<?>[] parameters = new Class<?>[parameterTypes.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = load(parameterTypes.get(i), "parameter type");
        }
        Method target;
        try {
            target = type.getMethod(method, parameters);
        } catch (NoSuchMethodException e) {
            throw new UnreadablePayloadException("method " + signature() + " does not exist (any more)", e);
        }
        if (DeferredMethods.deferOf(type, target) == null) {
            throw new UnreadablePayloadException("refusing to call " + signature() + ": it is not annotated @Defer", null);
        }
        Object[] values = readArguments(target, JobSerializer.defaultSerializer().mapper());
        Object instance = InstanceResolver.defaultResolver().resolve(type);
        if (!type.isInstance(instance)) {
            throw new JobQueueException("the instance resolver gave " + (instance == null ? "null" : "a " + instance.getClass().getName())
                    + " for " + type.getName() + ", not an instance of it");
        }
        target.trySetAccessible();
        RunningMethods.run(DeferredMethods.key(targetType, method, parameterTypes), () -> invoke(target, instance, values));
        return true;
    }

    private Object[] readArguments(Method target, ObjectMapper mapper) {
        Type[] generic = target.getGenericParameterTypes();
        int count = arguments == null ? 0 : arguments.size();
        if (count != generic.length) {
            throw new UnreadablePayloadException(signature() + " takes " + generic.length + " arguments, the payload has " + count, null);
        }
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            JavaType javaType = mapper.getTypeFactory().constructType(generic[i]);
            try {
                values[i] = mapper.treeToValue(arguments.get(i), javaType);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
                throw new UnreadablePayloadException("argument " + (i + 1) + " of " + signature() + " cannot be read as "
                        + javaType.toCanonical() + ": " + reason, e);
            }
        }
        return values;
    }

    private static Object invoke(Method target, Object instance, Object[] values) throws Exception {
        try {
            return target.invoke(instance, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new JobQueueException(cause.toString(), cause);
        }
    }

    private static Class<?> load(String name, String what) {
        try {
            return DeferredMethods.load(name, MethodCallJob.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UnreadablePayloadException(what + " " + name + " is not on the class path", e);
        }
    }

    private String signature() {
        return targetType + "#" + method + "(" + String.join(", ", parameterTypes) + ")";
    }

    /**
     * {@code SimpleClassName::method(arguments)}, arguments rendered as the original did (text cut to
     * 20 characters, floats with two decimals, other objects as {@code [Type]}). Never throws.
     */
    @Override
    public String label() {
        try {
            List<String> simpleTypes = new ArrayList<>(parameterTypes.size());
            for (String name : parameterTypes) {
                simpleTypes.add(simpleName(name));
            }
            return simpleName(targetType) + "::" + method + "(" + ArgumentLabels.render(arguments, simpleTypes) + ")";
        } catch (RuntimeException | LinkageError e) {
            return targetType + "::" + method + "(…)";
        }
    }

    private static String simpleName(String name) {
        try {
            return DeferredMethods.load(name, MethodCallJob.class.getClassLoader()).getSimpleName();
        } catch (ClassNotFoundException | LinkageError e) {
            return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
        }
    }

    @Override
    public String toString() {
        return "MethodCallJob[" + label() + "]";
    }
}
