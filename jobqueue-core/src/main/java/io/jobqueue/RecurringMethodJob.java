package io.jobqueue;

import io.jobqueue.internal.RecurringMethods;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A call of a {@link Recurring @Recurring} method, made into a job: the target's class and the
 * method's name, e.g. {@code {"type":"io.jobqueue.RecurringMethodJob","job":{"targetType":"com.acme.Reports",
 * "method":"nightly"}}}. When it runs it gets the instance from {@link InstanceResolver#defaultResolver()}
 * and calls the method; what the method throws fails the job as usual. Only a public no-argument
 * method annotated {@code @Recurring} is ever called; a payload naming anything else is unreadable
 * and aborted, not retried.
 */
public final class RecurringMethodJob implements Job {

    private String targetType;
    private String method;

    /** For Jackson. */
    private RecurringMethodJob() {
    }

    private RecurringMethodJob(String targetType, String method) {
        this.targetType = targetType;
        this.method = method;
    }

    /**
     * A job calling this method of this class.
     *
     * @throws IllegalArgumentException when the method is not a public no-argument {@code @Recurring} method
     */
    public static RecurringMethodJob of(Class<?> type, String methodName) {
        try {
            RecurringMethods.method(type, methodName);
        } catch (UnreadablePayloadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new RecurringMethodJob(type.getName(), methodName);
    }

    /** The name of the class whose instance is called. */
    public String targetType() {
        return targetType;
    }

    /** The name of the method called. */
    public String methodName() {
        return method;
    }

    /**
     * The method this job calls, checked.
     *
     * @throws UnreadablePayloadException when the class is not on the class path, or the method does
     *                                    not exist, takes arguments or is not annotated {@code @Recurring}
     */
    public Method target() {
        return RecurringMethods.method(targetType, method, RecurringMethodJob.class.getClassLoader());
    }

    @Override
    public boolean execute(Queue queue, Message message) throws Exception {
        Method target = target();
        Object instance = InstanceResolver.defaultResolver().resolve(target.getDeclaringClass());
        Class<?> type = RecurringMethods.load(targetType, RecurringMethodJob.class.getClassLoader());
        if (!type.isInstance(instance)) {
            throw new JobQueueException("the instance resolver gave " + (instance == null ? "null" : "a " + instance.getClass().getName())
                    + " for " + type.getName() + ", not an instance of it");
        }
        try {
            target.invoke(instance);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new JobQueueException(String.valueOf(cause), cause);
        }
        return true;
    }

    /** {@code SimpleClassName::method()}. */
    @Override
    public String label() {
        String simple = targetType == null ? "?" : targetType.substring(Math.max(targetType.lastIndexOf('.'), targetType.lastIndexOf('$')) + 1);
        return simple + "::" + method + "()";
    }

    @Override
    public String toString() {
        return "RecurringMethodJob[" + label() + "]";
    }
}
