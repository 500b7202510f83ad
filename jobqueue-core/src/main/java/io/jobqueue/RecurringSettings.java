package io.jobqueue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code recurring:} section of {@code jobqueue.yaml}: the recurring jobs by name, in the order
 * written, and the file they were read from. A {@link Worker} whose settings came from a file reads
 * the section again when the file changes (see {@link Worker.Builder#recurringReloadInterval}).
 *
 * <pre>{@code
 * recurring:
 *   nightly-report:
 *     cron: "0 3 * * *"
 *     zone: Europe/Berlin
 *     queue: reports
 *     job: com.example.ReportJob
 *     data: {kind: daily}
 *     missed: runOnce        # or skip
 *   cleanup: {cron: "@hourly", queue: maintenance, method: "com.example.Cleanup#run"}
 * }</pre>
 *
 * @param entries the entries by name
 * @param file    the file they were read from; null when they were not read from a file
 */
public record RecurringSettings(Map<String, RecurringJob> entries, Path file) {

    /** No entries, no file. */
    public static final RecurringSettings EMPTY = new RecurringSettings(Map.of(), null);

    public RecurringSettings {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries == null ? Map.of() : entries));
    }

    /** The file, when the entries were read from one. */
    public Optional<Path> source() {
        return Optional.ofNullable(file);
    }

    /** These entries, read from that file. */
    public RecurringSettings withFile(Path value) {
        return new RecurringSettings(entries, value);
    }
}
