package io.jobqueue;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose calls are turned into jobs: a call through a proxy made by {@link Deferred}
 * (or through the Spring integration) queues a {@link MethodCallJob} on {@link #queue()} and
 * returns at once; a worker later calls the real method with the same arguments.
 *
 * <p>The method must be public, non-static, non-final and return {@code void}; its arguments must
 * survive a JSON round trip (they are read back as the method's declared parameter types). A
 * proxy is refused when it is made if an annotated method breaks these rules. Delivery is
 * at-least-once, so make the method idempotent.
 *
 * <pre>{@code
 * public class Mailer {
 *     @Defer(queue = "email", delay = 30)
 *     public void sendWelcome(String address) { … }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Defer {

    /** The configured name of the queue the call is submitted to. */
    String queue();

    /** Seconds (fractions allowed) before the job becomes ready; 0 for none. Must not be negative. */
    double delay() default 0;

    /** Priority of the message; smaller runs first. */
    int priority() default SubmitOptions.DEFAULT_PRIORITY;
}
