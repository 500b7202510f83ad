package io.jobqueue.cli;

import io.jobqueue.Queue;
import io.jobqueue.spi.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The start of {@code job:work}: waits, up to a bound, until every queue's backend can be used —
 * reachable, the queue set up (queues on the built-in default are set up here) and its messages
 * readable — so a worker that cannot work says so at once with {@link JobQueueCli#EXIT_BACKEND}
 * instead of retrying in silence. Settings that cannot work (an unknown queue, backend or option)
 * fail at once with their own error; so does an embedded SQLite file that does not exist, which no
 * wait would bring. While it waits it prints one line on stderr with the first failure; a later
 * outage, once the worker runs, is the worker's to retry.
 */
final class BackendWait {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final Session session;
    private final Duration wait;
    private final LongSupplier nanoTime;

    BackendWait(Session session, Duration wait) {
        this(session, wait, System::nanoTime);
    }

    BackendWait(Session session, Duration wait, LongSupplier nanoTime) {
        this.session = session;
        this.wait = wait;
        this.nanoTime = nanoTime;
    }

    /**
     * Returns when every queue can be used; the deadline is shared by all of them.
     *
     * @throws CliException with {@link JobQueueCli#EXIT_BACKEND} naming the first queue that still
     *                      cannot be used when the wait is over
     */
    void awaitUsable(List<String> queueNames) {
        long deadline = nanoTime.getAsLong() + wait.toNanos();
        boolean announced = false;
        for (String name : queueNames) {
            session.notSetUp(name).filter(why -> !session.config().builtInQueues().contains(name)).ifPresent(why -> {
                throw new CliException("cannot work on queue '" + name + "': it is not set up: " + why, JobQueueCli.EXIT_BACKEND, null);
            });
            Backoff backoff = new Backoff(FIRST_PAUSE, LONGEST_PAUSE);
            while (true) {
                try {
                    probe(name);
                    break;
                } catch (CliException e) {
                    if (e.exitCode() != JobQueueCli.EXIT_BACKEND) {
                        throw e;
                    }
                    long left = deadline - nanoTime.getAsLong();
                    if (left <= 0 || Thread.currentThread().isInterrupted()) {
                        throw gaveUp(e);
                    }
                    if (!announced) {
                        session.err().println("Waiting up to " + humanWait() + " for queue '" + name
                                + "' to be usable: " + e.getMessage());
                        session.err().flush();
                        announced = true;
                    }
                    backoff.failed();
                    backoff.pause(Math.max(1, left / 1_000_000));
                }
            }
        }
    }

    /** Builds the queue (setting up a queue of the built-in default) and reads its counts. */
    private void probe(String name) {
        Queue queue = session.queue(name, "work on");
        session.onBackend("work on", name, queue::counts);
    }

    private String humanWait() {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : Durations.human(wait);
    }

    private CliException gaveUp(CliException last) {
        String waited = wait.isZero() ? "" : " (waited " + humanWait() + "; --wait-for-backend or worker: waitForBackend sets how long)";
        return new CliException(last.getMessage() + waited, JobQueueCli.EXIT_BACKEND, last.getCause());
    }
}
