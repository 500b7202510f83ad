package io.jobqueue.spring.internal;

import io.jobqueue.ConfigurationException;
import io.jobqueue.Defer;
import io.jobqueue.Deferred;
import io.jobqueue.JobManager;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.framework.AopConfigException;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

/**
 * Advises every bean with {@link Defer @Defer} methods with a {@link DeferInterceptor}, outermost
 * (before a {@code @Transactional} or any other advice on an existing proxy), after checking its
 * methods: a broken one stops start-up with a {@link BeanInitializationException} naming
 * {@code Class#method(parameters)} and why. The queues the methods name are checked once all
 * singletons exist (and at once for a bean made later): one that is not configured stops start-up
 * with a {@link ConfigurationException}. Keeps the {@link SpringInstanceResolver} of the context,
 * and puts the previous resolver back when the context closes.
 */
public final class DeferPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor
        implements SmartInitializingSingleton, DisposableBean {

    private static final long serialVersionUID = 1L;

    private final transient Map<Class<?>, List<Method>> annotated = new ConcurrentHashMap<>();
    private final transient List<QueueUse> queueUses = new ArrayList<>();
    private transient SpringInstanceResolver beans;
    private boolean singletonsReady;

    public DeferPostProcessor() {
        setBeforeExistingAdvisors(true);
    }

    @Override
    public void setBeanFactory(BeanFactory factory) {
        super.setBeanFactory(factory);
        if (beanFactory == null) {
            throw new IllegalStateException("@Defer on beans needs a ConfigurableListableBeanFactory, not a "
                    + factory.getClass().getName());
        }
        beans = new SpringInstanceResolver(beanFactory);
        advisor = new DefaultPointcutAdvisor(new DeferPointcut(),
                new DeferInterceptor(beanFactory.getBeanProvider(JobManager.class), beans));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AopInfrastructureBean || Deferred.isProxy(SpringInstanceResolver.ultimateTarget(bean))) {
            return bean; // a Deferred proxy defers by itself
        }
        Class<?> userClass = SpringInstanceResolver.userClass(bean);
        List<Method> methods = annotated.computeIfAbsent(userClass, DeferChecks::annotatedMethods);
        if (methods.isEmpty()) {
            return bean;
        }
        List<String> problems = new ArrayList<>();
        Object advised = bean;
        try {
            advised = super.postProcessAfterInitialization(bean, beanName);
        } catch (AopConfigException e) {
            problems.add(Modifier.isFinal(userClass.getModifiers())
                    ? "the bean cannot be proxied: " + userClass.getName() + " is final, so no class (CGLIB) proxy can subclass"
                            + " it (remove final, or defer through an interface with spring.aop.proxy-target-class=false)"
                    : "the bean cannot be proxied: " + e.getMessage());
        }
        problems.addAll(DeferChecks.problems(userClass, methods, AopUtils.isCglibProxy(advised)));
        if (!problems.isEmpty()) {
            throw new BeanInitializationException("cannot defer the @Defer methods of bean '" + beanName + "' ("
                    + userClass.getName() + "): " + String.join("; ", problems) + DeferChecks.RULES);
        }
        beans.register(beanName, userClass);
        List<QueueUse> uses = new ArrayList<>();
        for (Method method : methods) {
            String queue = method.getAnnotation(Defer.class).queue();
            if (!queue.isBlank()) {
                uses.add(new QueueUse(DeferChecks.signature(method), queue));
            }
        }
        synchronized (queueUses) {
            if (!singletonsReady) {
                queueUses.addAll(uses); // checked when the queues are known
                return advised;
            }
        }
        checkQueues(uses); // a bean made after start-up (lazy, prototype)
        return advised;
    }

    /** Checks the queues of the deferred methods of every bean made so far. */
    @Override
    public void afterSingletonsInstantiated() {
        List<QueueUse> uses;
        synchronized (queueUses) {
            singletonsReady = true;
            uses = List.copyOf(queueUses);
            queueUses.clear();
        }
        checkQueues(uses);
    }

    private void checkQueues(List<QueueUse> uses) {
        if (uses.isEmpty()) {
            return;
        }
        JobManager jobs = beanFactory.getBeanProvider(JobManager.class).getIfUnique();
        if (jobs == null) {
            throw new ConfigurationException("@Defer methods need one JobManager bean to queue their calls with, and there is"
                    + " none (or several): " + uses.get(0).method() + (uses.size() > 1 ? " and " + (uses.size() - 1) + " more" : ""));
        }
        List<String> problems = new ArrayList<>();
        for (QueueUse use : uses) {
            try {
                jobs.queueManager().getQueueSettings(use.queue());
            } catch (ConfigurationException e) {
                problems.add(use.method() + " names queue '" + use.queue() + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("cannot defer calls to a queue that is not configured: " + String.join("; ", problems));
        }
    }

    /** Puts back the instance resolver that was the default before this context's. */
    @Override
    public void destroy() {
        beans.uninstall();
    }

    /** The methods a bean defers: those with a {@code @Defer} of their own or on what they override or implement. */
    private static final class DeferPointcut extends StaticMethodMatcherPointcut {
        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            Class<?> userClass = targetClass == null ? method.getDeclaringClass() : ClassUtils.getUserClass(targetClass);
            return DeferChecks.deferOf(method, userClass) != null;
        }
    }

    private record QueueUse(String method, String queue) {
    }
}
