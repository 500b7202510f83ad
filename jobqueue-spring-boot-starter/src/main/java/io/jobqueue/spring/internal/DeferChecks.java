package io.jobqueue.spring.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.jobqueue.Defer;
import io.jobqueue.JobSerializer;
import io.jobqueue.SubmitOptions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * The rules of {@link Defer @Defer} on beans, the same as the core's for {@code Deferred} proxies:
 * which methods a bean's class defers, and what is wrong with them. A deferred method must be
 * public, not static, return {@code void}, not be final when the bean gets a class (CGLIB) proxy,
 * name a queue, and take only arguments that come back from JSON as their declared type. Stateless.
 */
public final class DeferChecks {

    /** Appended to a refusal: the rules in one breath. */
    public static final String RULES = " (a @Defer method must be public, not static, not final in a class proxy, return void,"
            + " take arguments that travel as JSON and name a configured queue)";

    private DeferChecks() {
    }

    /**
     * The {@code @Defer} that defers a call of {@code method} on an instance of {@code userClass},
     * or null: on the method, or on a method it overrides or implements (generic ones included).
     */
    public static Defer deferOf(Method method, Class<?> userClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, userClass);
        Defer defer = AnnotatedElementUtils.findMergedAnnotation(specific, Defer.class);
        return defer != null || specific.equals(method) ? defer : AnnotatedElementUtils.findMergedAnnotation(method, Defer.class);
    }

    /** The methods annotated {@code @Defer} in {@code userClass}, its superclasses and all their interfaces. */
    public static List<Method> annotatedMethods(Class<?> userClass) {
        List<Method> annotated = new ArrayList<>();
        for (Class<?> type : hierarchy(userClass)) {
            if (!AnnotationUtils.isCandidateClass(type, Defer.class)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Defer.class) && !method.isBridge() && !method.isSynthetic()) {
                    annotated.add(method);
                }
            }
        }
        return annotated;
    }

    /**
     * What is wrong with the {@code @Defer} methods of a bean of {@code userClass}; empty when nothing is.
     * The queue names are checked apart, once the queues are known.
     *
     * @param annotated  {@link #annotatedMethods} of the class
     * @param classProxy true when the bean is a class (CGLIB) proxy, which cannot intercept final methods
     */
    public static List<String> problems(Class<?> userClass, List<Method> annotated, boolean classProxy) {
        Set<String> problems = new LinkedHashSet<>();
        if (userClass.isHidden() || Proxy.isProxyClass(userClass)) {
            problems.add(userClass.getName() + " is a lambda or a proxy class, which a worker cannot load by name;"
                    + " make the bean an instance of a named class");
        }
        for (Method method : annotated) {
            String name = signature(method);
            int modifiers = method.getModifiers();
            if (!Modifier.isPublic(modifiers)) {
                problems.add(name + " is not public");
            }
            if (Modifier.isStatic(modifiers)) {
                problems.add(name + " is static");
                continue;
            }
            if (method.getReturnType() != void.class) {
                problems.add(name + " returns " + method.getReturnType().getSimpleName() + ", not void");
            }
            Defer defer = method.getAnnotation(Defer.class);
            if (defer.queue().isBlank()) {
                problems.add(name + " names no queue");
            }
            if (!(defer.delay() >= 0) || Double.isInfinite(defer.delay())) {
                problems.add(name + " has delay " + defer.delay() + ", expected a finite number of seconds >= 0");
            }
            Method called = implementation(method, userClass);
            if (classProxy && Modifier.isFinal(called.getModifiers())) {
                problems.add(signature(called) + " is final, so the class (CGLIB) proxy of the bean cannot intercept it");
            }
            Type[] parameters = called.getGenericParameterTypes();
            for (int i = 0; i < parameters.length; i++) {
                String why = untravellable(parameters[i]);
                if (why != null) {
                    problems.add(signature(called) + ": argument " + (i + 1) + " ("
                            + called.getParameterTypes()[i].getSimpleName() + ") cannot travel as JSON: " + why);
                }
            }
        }
        return new ArrayList<>(problems);
    }

    /**
     * The method of {@code userClass} a call of {@code method} ends in (the worker reads the
     * arguments as its parameter types): the class's own implementation, the real method behind a
     * compiler bridge; {@code method} itself when it is not public.
     */
    public static Method implementation(Method method, Class<?> userClass) {
        if (!Modifier.isPublic(method.getModifiers())) {
            return method;
        }
        return BridgeMethodResolver.findBridgedMethod(ClassUtils.getMostSpecificMethod(method, userClass));
    }

    /**
     * Why an argument of this declared type cannot be written as JSON and read back as the same on a
     * worker, or null when nothing speaks against it. The core's rules (a resource, an iterator, a
     * thread, a function: an interface that is or extends a {@code @FunctionalInterface}) and what the workers' Jackson mapper says: {@code Object} (or
     * {@code Serializable}) would come back as a Map, an abstract type without type information
     * cannot be built at all.
     */
    public static String untravellable(Type declared) {
        ObjectMapper mapper = JobSerializer.defaultSerializer().mapper();
        JavaType type = mapper.getTypeFactory().constructType(declared);
        Class<?> raw = type.getRawClass();
        if (AutoCloseable.class.isAssignableFrom(raw)) {
            return raw.getSimpleName() + " is a resource (AutoCloseable) that exists only in this process;"
                    + " pass what names it instead (a path, an id, the bytes)";
        }
        if (Iterator.class.isAssignableFrom(raw)) {
            return "an iterator is read once, in this process; pass a List";
        }
        if (Thread.class.isAssignableFrom(raw)) {
            return "a thread exists only in this process";
        }
        if (raw.isHidden() || raw.isSynthetic()) {
            return "a lambda or generated class is code, not data";
        }
        if (raw.isInterface()) { // a class that implements one (LocalDate is a TemporalAdjuster) is data
            for (Class<?> c : hierarchy(raw)) {
                if (c.isAnnotationPresent(FunctionalInterface.class)) {
                    return raw.getSimpleName() + " is a function (" + c.getSimpleName() + "), code, not data";
                }
            }
        }
        if (raw.isPrimitive() || raw.isEnum() || type.isContainerType()) {
            return null;
        }
        try {
            Object probe = mapper.treeToValue(mapper.createObjectNode(), type);
            if (probe instanceof Map && !Map.class.isAssignableFrom(raw)) {
                return "a worker reads it back as whatever the JSON looks like (a Map, a List, a String), not as the"
                        + " object passed; declare the argument's real type";
            }
        } catch (InvalidDefinitionException e) {
            String detail = String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\R\\s*", " ");
            return "a worker cannot read it back: " + detail;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Jackson can build the type, just not from an empty object: fine
        }
        return null;
    }

    /** The options a call of a method with this annotation is submitted with. */
    public static SubmitOptions submitOptions(Defer defer) {
        return SubmitOptions.DEFAULT.withDelay(Duration.ofNanos(Math.round(defer.delay() * 1_000_000_000d)))
                .withPriority(defer.priority());
    }

    /** {@code com.acme.Mailer#send(String, List)}. */
    public static String signature(Method method) {
        StringJoiner parameters = new StringJoiner(", ", "(", ")");
        for (Class<?> type : method.getParameterTypes()) {
            parameters.add(type.getSimpleName());
        }
        return method.getDeclaringClass().getName() + "#" + method.getName() + parameters;
    }

    /** The type, its superclasses and all its interfaces (theirs included), most specific first. */
    private static Set<Class<?>> hierarchy(Class<?> type) {
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
}
