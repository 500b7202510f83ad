package io.jobqueue;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public, non-static, no-argument method that recurring jobs may call: a
 * {@link RecurringMethodJob} runs only methods that carry it, so a payload cannot make a worker call
 * any other method. The instance comes from {@link InstanceResolver#defaultResolver()}, as for
 * {@link Defer @Defer} methods.
 *
 * <p>With {@link #cron()} and {@link #queue()} the annotation declares the schedule itself, read by
 * {@link RecurringJob#fromAnnotations(Class)}; without them the schedule is declared in
 * {@code jobqueue.yaml} ({@code method: com.example.Reports#nightly}).
 *
 * <pre>{@code
 * public class Reports {
 *     @Recurring(cron = "0 3 * * *", zone = "Europe/Berlin", queue = "reports")
 *     public void nightly() { … }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Recurring {

    /** The entry's name; empty for {@code SimpleClassName.method}. */
    String name() default "";

    /** A 5-field Unix cron expression or a macro such as {@code @daily}; empty when the schedule is in the settings. */
    String cron() default "";

    /** The time zone the expression is read in. */
    String zone() default "UTC";

    /** The configured name of the queue the ticks go to; empty when the schedule is in the settings. */
    String queue() default "";

    /** What happens to ticks missed while no worker ran. */
    RecurringJob.Missed missed() default RecurringJob.Missed.RUN_ONCE;
}
