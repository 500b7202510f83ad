package io.jobqueue.examples;

import io.jobqueue.Defer;

/**
 * A service whose calls run later, on a worker. Callers get a proxy from
 * {@code Deferred.proxy(jobs, Notifier.class, new ConsoleNotifier())}: a call returns at once and
 * becomes a message on the queue; a worker then calls {@link ConsoleNotifier} with the same arguments.
 */
public interface Notifier {

    /** Tells a user something; deferred to the example's queue. Arguments travel as JSON. */
    @Defer(queue = ExampleApp.QUEUE)
    void notifyUser(String user, String text);
}
