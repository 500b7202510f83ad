package io.jobqueue.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a graceful stop while a worker runs, so the process can exit 0
 * after its running jobs finished (a shutdown hook could not: the JVM would exit 143). Restores
 * the previous handlers on {@link #uninstall()}.
 */
public final class SignalStopper {

    private static final Logger LOG = LoggerFactory.getLogger(SignalStopper.class);

    private final SignalHandler previousTerm;
    private final SignalHandler previousInt;

    private SignalStopper(SignalHandler previousTerm, SignalHandler previousInt) {
        this.previousTerm = previousTerm;
        this.previousInt = previousInt;
    }

    /** Installs handlers that call {@code stop}; a second signal while stopping exits at once. */
    public static SignalStopper install(Runnable stop) {
        SignalHandler handler = new SignalHandler() {
            private volatile boolean signalled;

            @Override
            public void handle(Signal signal) {
                if (signalled) {
                    LOG.warn("Second SIG{}: exiting without waiting for running jobs", signal.getName());
                    Runtime.getRuntime().halt(130);
                }
                signalled = true;
                LOG.info("SIG{} received: taking no new jobs, letting running jobs finish", signal.getName());
                stop.run();
            }
        };
        return new SignalStopper(Signal.handle(new Signal("TERM"), handler), Signal.handle(new Signal("INT"), handler));
    }

    public void uninstall() {
        Signal.handle(new Signal("TERM"), previousTerm);
        Signal.handle(new Signal("INT"), previousInt);
    }
}
