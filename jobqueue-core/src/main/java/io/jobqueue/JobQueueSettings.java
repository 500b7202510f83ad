package io.jobqueue;

import io.jobqueue.internal.SettingsParser;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All queue settings of an application: the {@code presets} and {@code queues} maps of
 * {@code jobqueue.yaml}, in the order they were written.
 *
 * <pre>{@code
 * presets:
 *   default: {className: jdbc, options: {url: "jdbc:postgresql://127.0.0.1/app"}}
 * queues:
 *   email: {preset: default, maximumNumberOfReleases: 5, releaseOptions: {delay: 120}}
 * worker:
 *   prefetch: 8
 * recurring:
 *   nightly-report: {cron: "0 3 * * *", zone: Europe/Berlin, queue: email, job: com.example.ReportJob}
 * }</pre>
 *
 * @param presets settings queues can be merged over
 * @param queues  the configured queues
 * @param worker  the {@code worker:} section, {@link WorkerSettings#EMPTY} when absent
 * @param recurring the {@code recurring:} section, {@link RecurringSettings#EMPTY} when absent
 */
public record JobQueueSettings(Map<String, QueueSettings> presets, Map<String, QueueSettings> queues, WorkerSettings worker,
        RecurringSettings recurring) {

    public JobQueueSettings {
        presets = Collections.unmodifiableMap(new LinkedHashMap<>(presets == null ? Map.of() : presets));
        queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues == null ? Map.of() : queues));
        worker = worker == null ? WorkerSettings.EMPTY : worker;
        recurring = recurring == null ? RecurringSettings.EMPTY : recurring;
    }

    /** Settings without recurring jobs. */
    public JobQueueSettings(Map<String, QueueSettings> presets, Map<String, QueueSettings> queues, WorkerSettings worker) {
        this(presets, queues, worker, RecurringSettings.EMPTY);
    }

    /** Settings without a worker section. */
    public JobQueueSettings(Map<String, QueueSettings> presets, Map<String, QueueSettings> queues) {
        this(presets, queues, WorkerSettings.EMPTY, RecurringSettings.EMPTY);
    }

    /** These settings with other recurring jobs (for example read again from their file). */
    public JobQueueSettings withRecurring(RecurringSettings value) {
        return new JobQueueSettings(presets, queues, worker, value);
    }

    /**
     * Reads a YAML file.
     *
     * @throws ConfigurationException naming the file, the line and the key for malformed YAML,
     *                                unknown keys or values of the wrong type
     */
    public static JobQueueSettings fromYaml(Path file) {
        JobQueueSettings settings = SettingsParser.parseFile(file);
        return settings.withRecurring(settings.recurring().withFile(file)); // workers re-read the recurring jobs from it
    }

    /** Reads YAML text; {@code source} names it in error messages. */
    public static JobQueueSettings fromYaml(String yaml, String source) {
        return SettingsParser.parseText(yaml, source);
    }

    /** Reads settings from nested maps as YAML or JSON would give them. */
    public static JobQueueSettings fromMap(Map<String, ?> root, String source) {
        return SettingsParser.parseRoot(root, source);
    }

    /** A builder, for settings made in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JobQueueSettings} in code. */
    public static final class Builder {
        private final Map<String, QueueSettings> presets = new LinkedHashMap<>();
        private final Map<String, QueueSettings> queues = new LinkedHashMap<>();
        private WorkerSettings worker = WorkerSettings.EMPTY;
        private final Map<String, RecurringJob> recurring = new LinkedHashMap<>();

        /** A recurring job (see {@link RecurringJob}); a second one of the same name replaces the first. */
        public Builder recurring(RecurringJob job) {
            recurring.put(job.name(), job);
            return this;
        }

        public Builder worker(WorkerSettings value) {
            worker = value;
            return this;
        }

        public Builder preset(String name, QueueSettings settings) {
            presets.put(name, settings);
            return this;
        }

        public Builder queue(String name, QueueSettings settings) {
            queues.put(name, settings);
            return this;
        }

        /** A queue with only a backend: {@code queue("email", "memory")}. */
        public Builder queue(String name, String className) {
            return queue(name, QueueSettings.builder().className(className).build());
        }

        public JobQueueSettings build() {
            return new JobQueueSettings(presets, queues, worker, new RecurringSettings(recurring, null));
        }
    }
}
