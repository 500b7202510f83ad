package io.jobqueue.cli;

import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueSettings;
import io.jobqueue.spi.QueueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The settings of a run and where they came from. Lookup: {@code --config FILE}, else
 * {@code $JOBQUEUE_CONFIG}, else {@code ./jobqueue.yaml}, else the built-in default — one queue
 * {@code default} on the embedded SQLite file {@code ./var/jobqueue.db} (or, when the JDBC backend
 * is not on the class path, in memory). Relative paths are resolved against the working folder.
 *
 * @param settings       the settings
 * @param source         where they came from, for messages
 * @param defaultBackend the built-in default's backend settings, for queues the demo adds
 * @param builtInQueues  the queues on the built-in default's backend that no settings file named;
 *                       they are set up on first use, so a fresh machine needs no {@code queue:setup}
 */
record Config(JobQueueSettings settings, String source, QueueSettings defaultBackend, Set<String> builtInQueues) {

    Config {
        builtInQueues = Set.copyOf(builtInQueues);
    }

    /** The file looked for in the working folder. */
    static final String FILE_NAME = "jobqueue.yaml";
    /** The embedded SQLite file of the built-in default, relative to the working folder. */
    static final String DEFAULT_DATABASE = "var/jobqueue.db";
    /** The queue of the built-in default. */
    static final String DEFAULT_QUEUE = "default";
    /** The source of the built-in default. */
    static final String BUILT_IN = "built-in default";

    static Config load(Path option, String envValue, Path cwd, ClassLoader loader) {
        QueueSettings backend = builtInBackend(cwd, loader);
        if (option != null) {
            Path file = cwd.resolve(option);
            return new Config(JobQueueSettings.fromYaml(file), file.toString(), backend, Set.of());
        }
        if (envValue != null && !envValue.isBlank()) {
            Path file = cwd.resolve(envValue.strip());
            return new Config(JobQueueSettings.fromYaml(file), file + " (from $JOBQUEUE_CONFIG)", backend, Set.of());
        }
        Path local = cwd.resolve(FILE_NAME);
        if (Files.isRegularFile(local)) {
            return new Config(JobQueueSettings.fromYaml(local), local.toString(), backend, Set.of());
        }
        JobQueueSettings settings = JobQueueSettings.builder().queue(DEFAULT_QUEUE, backend).build();
        return new Config(settings, BUILT_IN, backend, Set.of(DEFAULT_QUEUE));
    }

    /**
     * These settings plus a queue of that name on the built-in default's backend, unless it is
     * configured. The demo's queue retries failed jobs after {@link DemoCommand#RETRY_DELAY_SECONDS}
     * (a fixed {@code releaseOptions.delay}), so the demo stays quick; others back off as by default.
     */
    Config withDefaultBackendQueue(String queueName) {
        if (settings.queues().containsKey(queueName)) {
            return this;
        }
        Map<String, QueueSettings> queues = new LinkedHashMap<>(settings.queues());
        queues.put(queueName, queueName.equals(DemoCommand.DEFAULT_QUEUE)
                ? defaultBackend.toBuilder().releaseOption("delay", DemoCommand.RETRY_DELAY_SECONDS).build()
                : defaultBackend);
        Set<String> builtIn = new HashSet<>(builtInQueues);
        builtIn.add(queueName);
        return new Config(new JobQueueSettings(settings.presets(), queues), source, defaultBackend, builtIn);
    }


    /** The embedded SQLite file when the JDBC backend is on the class path, else an in-memory queue. */
    static QueueSettings builtInBackend(Path cwd, ClassLoader loader) {
        if (hasBackend("jdbc", loader)) {
            return QueueSettings.builder().className("jdbc")
                    .option("path", cwd.resolve(DEFAULT_DATABASE).normalize().toString())
                    .build();
        }
        return QueueSettings.builder().className("memory").build();
    }

    private static boolean hasBackend(String alias, ClassLoader loader) {
        for (QueueFactory factory : ServiceLoader.load(QueueFactory.class, loader)) {
            if (factory.alias().equals(alias)) {
                return true;
            }
        }
        return false;
    }
}
