package io.jobqueue.examples;

import io.jobqueue.Deferred;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Queues five image jobs and three deferred {@link Notifier} calls on queue {@value #QUEUE} and runs
 * them with a worker in this JVM; with the argument {@code submit} it only queues them, for
 * {@code jobqueue job:work default --classpath target/jobqueue-examples.jar}.
 *
 * <p>The settings are those of the {@code jobqueue} command: {@code ./jobqueue.yaml} when the working
 * folder has one (it must configure queue {@value #QUEUE}), else the command's built-in default, the
 * embedded SQLite file {@code ./var/jobqueue.db}. So the application and the command, started in the
 * same folder, share the queue without any settings file.
 *
 * <p>Exit code 0 when every job it queued ran successfully, 1 when not, 2 for a bad argument.
 */
public final class ExampleApp {

    /** The queue of the example, the {@code jobqueue} command's built-in default queue. */
    public static final String QUEUE = "default";
    /** The embedded database of the command's built-in default, relative to the working folder. */
    static final String DATABASE = "var/jobqueue.db";
    static final String SETTINGS_FILE = "jobqueue.yaml";

    private ExampleApp() {
    }

    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args) {
        if (args.length > 1 || (args.length == 1 && !args[0].equals("submit"))) {
            System.err.println("usage: ExampleApp [submit]   (submit: queue the jobs only, for jobqueue job:work)");
            return 2;
        }
        boolean submitOnly = args.length == 1;
        try (QueueManager queues = new QueueManager(settings())) {
            // a queue configured in code or in a file is set up by the application (safe to repeat);
            // only the command sets up its built-in default by itself
            queues.getQueue(QUEUE).setUp();
            JobManager jobs = new JobManager(queues);
            int submitted = submit(jobs);
            if (submitOnly) {
                System.out.printf("Submitted %d jobs to queue \"%s\". Run them with:%n"
                        + "  jobqueue job:work %s --classpath target/jobqueue-examples.jar --limit %d%n", submitted, QUEUE, QUEUE, submitted);
                return 0;
            }
            WorkerStats stats;
            try (Worker worker = Worker.builder(jobs).queues(QUEUE).concurrency(2)
                    .limit(submitted)                       // stop once the jobs queued above have run
                    .exitAfter(Duration.ofSeconds(30))      // and never hang when something is wrong
                    .stopOnSignals(true)
                    .build()) {
                stats = worker.run();
            }
            if (stats.succeeded() != submitted) {
                System.err.printf("Only %d of %d jobs ran successfully: %s%n", stats.succeeded(), submitted, stats);
                return 1;
            }
            System.out.printf("All %d jobs ran.%n", submitted);
            return 0;
        }
    }

    /** {@code ./jobqueue.yaml} if there is one, else queue {@value #QUEUE} on {@code ./var/jobqueue.db}. */
    static JobQueueSettings settings() {
        Path file = Path.of(SETTINGS_FILE);
        if (Files.isRegularFile(file)) {
            return JobQueueSettings.fromYaml(file);
        }
        return JobQueueSettings.builder()
                .queue(QUEUE, QueueSettings.builder().className("jdbc").option("path", DATABASE).build())
                .build();
    }

    /** Queues the jobs and the deferred calls; returns how many messages that made. */
    private static int submit(JobManager jobs) {
        List<ResizeImageJob> images = List.of(
                new ResizeImageJob("beach.jpg", 320), new ResizeImageJob("beach.jpg", 1024), new ResizeImageJob("city.png", 320),
                new ResizeImageJob("city.png", 1024), new ResizeImageJob("forest.webp", 320));
        for (ResizeImageJob image : images) {
            jobs.queue(QUEUE, image);
        }
        // the proxy queues each call and returns at once; a worker calls the ConsoleNotifier later
        Notifier notifier = Deferred.proxy(jobs, Notifier.class, new ConsoleNotifier());
        List<String> users = List.of("ada", "grace", "linus");
        for (String user : users) {
            notifier.notifyUser(user, "your thumbnails are ready");
        }
        return images.size() + users.size();
    }
}
