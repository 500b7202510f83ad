package io.jobqueue.spring.internal;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.MethodCallJob;
import io.jobqueue.Queue;
import java.util.Objects;

/**
 * A deferred call of a bean that shares its class with other beans: the {@link MethodCallJob} and
 * the name of the bean the call was made on, so the worker runs it on that very bean. While it
 * runs, {@link #currentBeanName()} tells the {@link SpringInstanceResolver} which bean to pick;
 * the call itself (its checks, its arguments, its return) is the {@code MethodCallJob}'s.
 *
 * <p>The payload: {@code {"type":"io.jobqueue.spring.internal.DeferredBeanCall","job":{"bean":"fastMailer",
 * "call":{"targetType":"com.acme.Mailer","method":"send",…}}}}. Calls of a bean whose class no
 * other bean has are queued as a plain {@code MethodCallJob}. No Spring type is used here, so a
 * worker without a Spring context can still run it (on whatever its resolver gives).
 */
public final class DeferredBeanCall implements Job {

    private static final ThreadLocal<String> RUNNING_ON = new ThreadLocal<>();

    private String bean;
    private MethodCallJob call;

    /** For Jackson. */
    private DeferredBeanCall() {
    }

    public DeferredBeanCall(String bean, MethodCallJob call) {
        this.bean = Objects.requireNonNull(bean, "bean");
        this.call = Objects.requireNonNull(call, "call");
    }

    /** The name of the bean the deferred call running in this thread was made on, or null. */
    public static String currentBeanName() {
        return RUNNING_ON.get();
    }

    /** The name of the bean the call was made on. */
    public String bean() {
        return bean;
    }

    /** The call. */
    public MethodCallJob call() {
        return call;
    }

    @Override
    public boolean execute(Queue queue, Message message) throws Exception {
        String outer = RUNNING_ON.get();
        RUNNING_ON.set(bean);
        try {
            return call.execute(queue, message);
        } finally {
            if (outer == null) {
                RUNNING_ON.remove();
            } else {
                RUNNING_ON.set(outer);
            }
        }
    }

    /** The call's label and the bean: {@code Mailer::send(a@b.c) on bean 'fastMailer'}. */
    @Override
    public String label() {
        return (call == null ? "?" : call.label()) + " on bean '" + bean + "'";
    }

    @Override
    public String toString() {
        return "DeferredBeanCall[" + label() + "]";
    }
}
