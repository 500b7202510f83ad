package io.jobqueue.internal;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isEquals;
import static net.bytebuddy.matcher.ElementMatchers.isHashCode;
import static net.bytebuddy.matcher.ElementMatchers.isToString;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.jobqueue.ConfigurationException;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.NamingStrategy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.InvocationHandlerAdapter;

/**
 * Subclass proxies made with Byte Buddy, for classes (interfaces use JDK proxies). Every
 * overridable method is sent to an {@link InvocationHandler} held in a field of the proxy
 * instance. One proxy class per proxied class, cached without keeping the class loader alive.
 *
 * <p>The proxy is defined in the proxied class's package (through a private lookup), so
 * package-private classes work. It is instantiated without running any constructor of the
 * proxied class (as Objenesis does), so a constructor with side effects or required arguments
 * does no harm; final methods, which cannot be overridden, run on this empty instance.
 */
public final class ClassProxies {

    private static final String HANDLER_FIELD = "jobqueue$handler";

    private static final ClassValue<Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            return instantiator(proxyClass(type));
        }
    };

    private ClassProxies() {
    }

    /** Implemented by every proxy class, so the handler can be set after instantiation. */
    public interface HandlerHolder {
        /** Sets the handler that receives the calls. */
        void jobqueue$setHandler(InvocationHandler handler);
    }

    /** A new proxy of {@code type} whose calls go to {@code handler}. */
    public static <T> T create(Class<T> type, InvocationHandler handler) {
        Object proxy;
        try {
            proxy = CONSTRUCTORS.get(type).newInstance();
        } catch (ConfigurationException e) {
            throw e;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new ConfigurationException("cannot make a proxy of " + type.getName() + ": " + e, e);
        }
        ((HandlerHolder) proxy).jobqueue$setHandler(handler);
        return type.cast(proxy);
    }

    /** True for an instance of a proxy class made here. */
    public static boolean isProxy(Object object) {
        return object instanceof HandlerHolder;
    }

    private static Class<?> proxyClass(Class<?> type) {
        ClassLoadingStrategy<ClassLoader> strategy;
        try {
            strategy = ClassLoadingStrategy.UsingLookup.of(MethodHandles.privateLookupIn(type, MethodHandles.lookup()));
        } catch (IllegalAccessException | RuntimeException e) {
            strategy = ClassLoadingStrategy.Default.WRAPPER;
        }
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassProxies.class.getClassLoader();
        return new ByteBuddy()
                .with(new NamingStrategy.SuffixingRandom("JobQueueDeferred"))
                .subclass(type)
                .defineField(HANDLER_FIELD, InvocationHandler.class, Visibility.PRIVATE)
                .method(not(isDeclaredBy(Object.class)).or(isToString()).or(isHashCode()).or(isEquals()))
                .intercept(InvocationHandlerAdapter.toField(HANDLER_FIELD))
                .implement(HandlerHolder.class)
                .intercept(FieldAccessor.ofField(HANDLER_FIELD))
                .make()
                .load(loader, strategy)
                .getLoaded();
    }

    /** A constructor that makes an instance without running the proxied class's constructors. */
    private static Constructor<?> instantiator(Class<?> proxyClass) {
        try {
            Class<?> factoryType = Class.forName("sun.reflect.ReflectionFactory");
            Object factory = factoryType.getMethod("getReflectionFactory").invoke(null);
            Constructor<?> constructor = (Constructor<?>) factoryType
                    .getMethod("newConstructorForSerialization", Class.class, Constructor.class)
                    .invoke(factory, proxyClass, Object.class.getDeclaredConstructor());
            if (constructor != null) {
                constructor.trySetAccessible();
                return constructor;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // fall back to the proxy's own no-argument constructor
        }
        try {
            Constructor<?> constructor = proxyClass.getDeclaredConstructor();
            constructor.trySetAccessible();
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new ConfigurationException("cannot instantiate a proxy of " + proxyClass.getSuperclass().getName()
                    + ": this JVM has no sun.reflect.ReflectionFactory and the class has no no-argument constructor", e);
        }
    }
}
