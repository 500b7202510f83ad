package io.jobqueue.spring.internal;

import io.jobqueue.InstanceResolver;
import io.jobqueue.JobQueueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The {@link InstanceResolver} of an application context: a deferred call of a bean runs on that
 * bean's real object (its proxies unwrapped, so the call is not deferred again), never on a new
 * instance. It knows the beans with {@code @Defer} methods by their class (the class a job names);
 * when several beans share a class, the job carries the bean's name ({@link DeferredBeanCall}).
 * A class it does not know is passed to the resolver that was the default before it.
 *
 * <p>Installed as the process-wide default when the first bean with {@code @Defer} methods is
 * registered; when its context closes, the previous default is put back (if it is still the
 * default) and it passes everything on. Thread-safe.
 */
public final class SpringInstanceResolver implements InstanceResolver {

    private final ConfigurableListableBeanFactory beanFactory;
    private final Map<Class<?>, List<String>> beanNames = new ConcurrentHashMap<>();
    private volatile InstanceResolver previous;
    private volatile boolean installed;

    public SpringInstanceResolver(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /** Remembers a bean with {@code @Defer} methods under its class; installs this resolver with the first. */
    public void register(String beanName, Class<?> userClass) {
        beanNames.compute(userClass, (type, names) -> {
            if (names == null) {
                return List.of(beanName);
            }
            if (names.contains(beanName)) {
                return names;
            }
            List<String> more = new ArrayList<>(names);
            more.add(beanName);
            return List.copyOf(more);
        });
        install();
    }

    /**
     * The name of the bean {@code target} is, when other beans share its class (so the job must
     * name it); null when it is the only bean of its class.
     *
     * @throws JobQueueException when the beans of that class cannot be told apart (only singletons can)
     */
    public String nameWhenShared(Class<?> userClass, Object target) {
        List<String> names = beanNames.getOrDefault(userClass, List.of());
        if (names.size() <= 1) {
            return null;
        }
        Object real = ultimateTarget(target);
        for (String name : names) {
            Object singleton = beanFactory.getSingleton(name);
            if (singleton != null && ultimateTarget(singleton) == real) {
                return name;
            }
        }
        throw new JobQueueException("cannot tell which of the beans " + names + " of class " + userClass.getName()
                + " a deferred call was made on (only singleton beans can be told apart); nothing was queued");
    }

    /**
     * The real object of the bean of {@code type}: the one the running job names when several
     * beans share the class, else the only one.
     *
     * @throws JobQueueException naming the type and the candidate beans when it cannot choose
     */
    @Override
    public Object resolve(Class<?> type) {
        List<String> names = installed ? beanNames.getOrDefault(type, List.of()) : List.of();
        if (names.isEmpty()) {
            return previous().resolve(type);
        }
        String wanted = DeferredBeanCall.currentBeanName();
        String name;
        if (wanted != null && names.contains(wanted)) {
            name = wanted;
        } else if (names.size() == 1) {
            name = names.get(0);
        } else {
            throw new JobQueueException("cannot choose the bean to run a deferred call of " + type.getName() + " on: the beans "
                    + names + " are all of that class and the job names " + (wanted == null ? "none of them" : "'" + wanted + "'")
                    + " (calls made through these beans name their bean; this job was queued some other way)");
        }
        return ultimateTarget(beanFactory.getBean(name));
    }

    /** Makes this the process-wide default resolver, once. */
    public synchronized void install() {
        if (!installed) {
            previous = InstanceResolver.defaultResolver();
            InstanceResolver.setDefault(this);
            installed = true;
        }
    }

    /** Puts the previous default back if this is still the default; from now on passes everything on. */
    public synchronized void uninstall() {
        if (installed) {
            installed = false;
            if (InstanceResolver.defaultResolver() == this) {
                InstanceResolver.setDefault(previous);
            }
        }
    }

    private InstanceResolver previous() {
        InstanceResolver before = previous;
        return before != null ? before : InstanceResolver.defaultResolver();
    }

    /** The object behind all of a bean's Spring proxies. */
    public static Object ultimateTarget(Object bean) {
        Object current = bean;
        for (Object next = AopProxyUtils.getSingletonTarget(current); next != null && next != current;
                next = AopProxyUtils.getSingletonTarget(current)) {
            current = next;
        }
        return current;
    }

    /** The class a job names for a bean: its real object's class, never a proxy's. */
    public static Class<?> userClass(Object bean) {
        return ClassUtils.getUserClass(AopProxyUtils.ultimateTargetClass(bean));
    }
}
