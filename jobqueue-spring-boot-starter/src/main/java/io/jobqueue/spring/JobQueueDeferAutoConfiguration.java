package io.jobqueue.spring;

import io.jobqueue.Defer;
import io.jobqueue.JobManager;
import io.jobqueue.spring.internal.DeferPostProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * {@link Defer @Defer} on beans: calling a {@code @Defer} method of a bean queues the call on the
 * {@link JobManager} bean and returns at once; a worker later runs the method on that same bean
 * of the application context (its real object, not its proxy), with the arguments read back from
 * JSON. The bean's {@code @Defer} methods are checked at start-up (public, not static, not final
 * in a class proxy, {@code void}, arguments that travel as JSON, a configured queue): a broken
 * one stops start-up with a message naming {@code Class#method(parameters)}. Beans are proxied
 * like Spring's own advice: a class (CGLIB) proxy unless {@code spring.aop.proxy-target-class=false}.
 */
@AutoConfiguration(after = JobQueueAutoConfiguration.class)
public class JobQueueDeferAutoConfiguration {

    /** Proxies the beans that have {@code @Defer} methods, outermost, and resolves their deferred calls. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static DeferPostProcessor jobQueueDeferPostProcessor(Environment environment) {
        DeferPostProcessor postProcessor = new DeferPostProcessor();
        postProcessor.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
        return postProcessor;
    }
}
