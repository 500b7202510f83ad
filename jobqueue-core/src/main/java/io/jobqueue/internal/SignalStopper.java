package io.jobqueue.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a graceful stop while a worker runs, so the process can exit 0
 * after its running jobs finished (a shutdown hook could not: the JVM would exit 143). Restores
 * the previous handlers on {@link #uninstall()}.
 *
 * <p>The JDK's only signal API is {@code sun.misc.Signal} (module {@code jdk.unsupported}); it is
 * reached by reflection, so the build's "no warning" rule holds without a suppression javac would
 * not honour for it. Where it is missing, the worker simply does not handle signals.
 */
public final class SignalStopper {

    private static final Logger LOG = LoggerFactory.getLogger(SignalStopper.class);

    private final Object previousTerm;
    private final Object previousInt;

    private SignalStopper(Object previousTerm, Object previousInt) {
        this.previousTerm = previousTerm;
        this.previousInt = previousInt;
    }

    /** Installs handlers that call {@code stop}; a second signal while stopping exits at once. Null when signals cannot be handled. */
    public static SignalStopper install(Runnable stop) {
        try {
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            boolean[] signalled = new boolean[1];
            Object handler = Proxy.newProxyInstance(SignalStopper.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("handle")) {
                            return method.getDeclaringClass() == Object.class ? objectMethod(proxy, method, args) : null;
                        }
                        String name = (String) args[0].getClass().getMethod("getName").invoke(args[0]);
                        synchronized (signalled) {
                            if (signalled[0]) {
                                LOG.warn("Second SIG{}: exiting without waiting for running jobs", name);
                                Runtime.getRuntime().halt(130);
                            }
                            signalled[0] = true;
                        }
                        LOG.info("SIG{} received: taking no new jobs, letting running jobs finish", name);
                        stop.run();
                        return null;
                    });
            return new SignalStopper(handle("TERM", handler), handle("INT", handler));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Signals cannot be handled on this JVM ({}); SIGTERM ends the worker without waiting for its jobs", e.toString());
            return null;
        }
    }

    public void uninstall() {
        try {
            handle("TERM", previousTerm);
            handle("INT", previousInt);
        } catch (ReflectiveOperationException e) {
            LOG.warn("Restoring the signal handlers failed: {}", e.toString());
        }
    }

    /** {@code Signal.handle(new Signal(name), handler)}: installs the handler and returns the previous one. */
    private static Object handle(String signalName, Object handler) throws ReflectiveOperationException {
        Class<?> signalType = Class.forName("sun.misc.Signal");
        Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
        Object signal = signalType.getConstructor(String.class).newInstance(signalName);
        return signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "SignalStopper handler";
        };
    }
}
