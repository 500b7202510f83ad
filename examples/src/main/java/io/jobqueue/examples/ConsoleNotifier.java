package io.jobqueue.examples;

/**
 * The real {@link Notifier}. In the JVM that made the proxy, a worker calls this very object; in
 * another JVM ({@code jobqueue job:work}) the worker makes a new one with the public no-argument
 * constructor, so it must not need anything else to work.
 */
public class ConsoleNotifier implements Notifier {

    @Override
    public void notifyUser(String user, String text) {
        // a real notifier would send a mail or a push message; deferred methods must be idempotent too
        System.out.printf("ran Notifier.notifyUser: %s, %s%n", user, text);
    }
}
