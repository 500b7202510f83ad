package io.jobqueue.internal;

import io.jobqueue.Defer;
import io.jobqueue.SubmitOptions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reflection around {@link Defer}: finding the annotation along a class's hierarchy, checking
 * annotated methods when a proxy is made, choosing the method a job will call, loading types by
 * name. Stateless and thread-safe.
 */
public final class DeferredMethods {

    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class, "byte", byte.class, "char", char.class, "short", short.class,
            "int", int.class, "long", long.class, "float", float.class, "double", double.class, "void", void.class);

    private DeferredMethods() {
    }

    /** The class, its superclasses and all its interfaces, most specific first. */
    public static Set<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            types.add(c);
        }
        List<Class<?>> pending = new ArrayList<>(types);
        for (int i = 0; i < pending.size(); i++) {
            for (Class<?> parent : pending.get(i).getInterfaces()) {
                if (types.add(parent)) {
                    pending.add(parent);
                }
            }
        }
        return types;
    }

    /** The {@code @Defer} on this signature anywhere in the hierarchy of {@code type}, or null. */
    public static Defer findDefer(Class<?> type, String name, Class<?>[] parameterTypes) {
        for (Class<?> c : hierarchy(type)) {
            try {
                Defer defer = c.getDeclaredMethod(name, parameterTypes).getAnnotation(Defer.class);
                if (defer != null) {
                    return defer;
                }
            } catch (NoSuchMethodException e) {
                // not declared here; look further up
            }
        }
        return null;
    }

    /**
     * The {@code @Defer} that makes {@code method} of {@code targetClass} deferred, or null: on the
     * method or any method it overrides or implements, including generic ones it implements through
     * a bridge (an interface's {@code handle(T)} for a class's {@code handle(String)}).
     */
    public static Defer deferOf(Class<?> targetClass, Method method) {
        Defer direct = findDefer(targetClass, method.getName(), method.getParameterTypes());
        if (direct != null) {
            return direct;
        }
        for (Method bridge : targetClass.getMethods()) {
            if (bridge.isBridge() && bridge.getName().equals(method.getName())
                    && bridge.getParameterCount() == method.getParameterCount() && overrides(method, bridge)) {
                Defer viaBridge = findDefer(targetClass, bridge.getName(), bridge.getParameterTypes());
                if (viaBridge != null) {
                    return viaBridge;
                }
            }
        }
        return null;
    }

    /**
     * The public method of {@code targetClass} that a call of {@code method} ends in: the same
     * signature, or, when that is a compiler bridge, the one real method behind it (so arguments
     * are read back as {@code String}, not as the erased {@code Object}).
     */
    public static Method implementation(Class<?> targetClass, Method method) {
        Method found;
        try {
            found = targetClass.getMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return method;
        }
        if (!found.isBridge()) {
            return found;
        }
        Method real = null;
        for (Method candidate : targetClass.getMethods()) {
            if (!candidate.isBridge() && candidate.getName().equals(found.getName())
                    && candidate.getParameterCount() == found.getParameterCount() && overrides(candidate, found)) {
                if (real != null) {
                    return found;
                }
                real = candidate;
            }
        }
        return real != null ? real : found;
    }

    private static boolean overrides(Method specific, Method erased) {
        Class<?>[] s = specific.getParameterTypes();
        Class<?>[] e = erased.getParameterTypes();
        for (int i = 0; i < s.length; i++) {
            if (!e[i].isAssignableFrom(s[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * What is wrong with the {@code @Defer} methods reachable from a proxy of {@code type} for a
     * target of {@code targetClass}; empty when nothing is.
     *
     * @param classProxy  true for a subclass proxy (a final class, or a final method of the proxied
     *                    class, cannot be intercepted)
     * @param queueProblem the problem with a queue name (e.g. "is not configured"), or null when it is fine
     */
    public static List<String> problems(Class<?> type, Class<?> targetClass, boolean classProxy,
                                        Function<String, String> queueProblem) {
        List<String> problems = new ArrayList<>();
        if (classProxy && Modifier.isFinal(type.getModifiers())) {
            problems.add(type.getName() + " is final, so no proxy can subclass it (use an interface, or remove final)");
        }
        Set<Class<?>> proxied = hierarchy(type);
        Set<Class<?>> types = new LinkedHashSet<>(proxied);
        types.addAll(hierarchy(targetClass));
        for (Class<?> c : types) {
            for (Method m : c.getDeclaredMethods()) {
                Defer defer = m.getAnnotation(Defer.class);
                if (defer == null || m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                String name = c.getName() + "#" + m.getName();
                int modifiers = m.getModifiers();
                if (!Modifier.isPublic(modifiers)) {
                    problems.add(name + " is not public");
                }
                if (Modifier.isStatic(modifiers)) {
                    problems.add(name + " is static");
                }
                if (m.getReturnType() != void.class) {
                    problems.add(name + " returns " + m.getReturnType().getSimpleName() + ", not void");
                }
                if (classProxy && Modifier.isFinal(modifiers) && proxied.contains(c)) {
                    problems.add(name + " is final, so the proxy cannot intercept it");
                }
                if (defer.queue() == null || defer.queue().isBlank()) {
                    problems.add(name + " names no queue");
                } else {
                    String queue = queueProblem.apply(defer.queue());
                    if (queue != null) {
                        problems.add(name + ": " + queue);
                    }
                }
                Class<?>[] parameters = m.getParameterTypes();
                for (int i = 0; i < parameters.length; i++) {
                    String why = untravellable(parameters[i]);
                    if (why != null) {
                        problems.add(name + ": argument " + (i + 1) + " (" + parameters[i].getSimpleName()
                                + ") cannot travel as JSON: " + why);
                    }
                }
                if (!(defer.delay() >= 0) || Double.isInfinite(defer.delay())) {
                    problems.add(name + " has delay " + defer.delay() + ", expected a finite number of seconds >= 0");
                }
            }
        }
        return problems;
    }

    /**
     * Why a value of this type cannot be written as a deferred call's JSON argument and read back
     * on a worker, or null when nothing speaks against it: a resource (streams, readers, channels,
     * sockets, connections: anything {@link AutoCloseable}), an {@link java.util.Iterator}, a
     * thread, or a function (a lambda, or an interface annotated {@link FunctionalInterface}, or one
     * extending such an interface; a class that implements one is data). Jackson
     * would write most of them as {@code {}} and the worker would fail on them, or call with junk.
     */
    public static String untravellable(Class<?> type) {
        if (AutoCloseable.class.isAssignableFrom(type)) {
            return type.getSimpleName() + " is a resource (AutoCloseable) that exists only in this process;"
                    + " pass what names it instead (a path, an id, the bytes)";
        }
        if (java.util.Iterator.class.isAssignableFrom(type)) {
            return "an iterator is read once, in this process; pass a List";
        }
        if (Thread.class.isAssignableFrom(type)) {
            return "a thread exists only in this process";
        }
        if (type.isHidden() || type.isSynthetic()) {
            return "a lambda or generated class is code, not data";
        }
        // an interface that is a function; a class that implements one (LocalDate is a TemporalAdjuster) is data
        for (Class<?> c : type.isInterface() ? hierarchy(type) : List.<Class<?>>of()) {
            if (c.isAnnotationPresent(FunctionalInterface.class)) {
                return type.getSimpleName() + " is a function (" + c.getSimpleName() + "), code, not data";
            }
        }
        return null;
    }

    /** The options a call of a method with this annotation is submitted with. */
    public static SubmitOptions submitOptions(Defer defer) {
        Duration delay = Duration.ofNanos(Math.round(defer.delay() * 1_000_000_000d));
        return SubmitOptions.DEFAULT.withDelay(delay).withPriority(defer.priority());
    }

    /**
     * The class a job names for calls on {@code target} through a proxy of {@code type}: the
     * target's own class, unless that cannot be loaded by name (a JDK proxy, a lambda or another
     * hidden class), then {@code type}.
     */
    public static Class<?> targetType(Class<?> type, Object target) {
        Class<?> c = target.getClass();
        if (Proxy.isProxyClass(c) || c.isHidden() || c.isSynthetic() || c.isAnonymousClass()) {
            return type;
        }
        return c;
    }

    /** The key that identifies a method of a target type for {@link RunningMethods}. */
    public static String key(String targetType, String methodName, List<String> parameterTypes) {
        return targetType + "#" + methodName + "(" + String.join(",", parameterTypes) + ")";
    }

    /** The {@link Class#getName()} of each type. */
    public static List<String> names(Class<?>[] types) {
        List<String> names = new ArrayList<>(types.length);
        for (Class<?> t : types) {
            names.add(t.getName());
        }
        return names;
    }

    /**
     * Loads a class by its {@link Class#getName()} (primitives included) without initializing it,
     * through the thread's context class loader, else {@code fallback}.
     */
    public static Class<?> load(String name, ClassLoader fallback) throws ClassNotFoundException {
        Class<?> primitive = PRIMITIVES.get(name);
        if (primitive != null) {
            return primitive;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(name, false, context);
            } catch (ClassNotFoundException e) {
                // try the fallback loader
            }
        }
        return Class.forName(name, false, fallback);
    }
}
