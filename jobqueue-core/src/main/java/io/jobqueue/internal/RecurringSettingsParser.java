package io.jobqueue.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jobqueue.ConfigurationException;
import io.jobqueue.JobSerializer;
import io.jobqueue.RecurringJob;
import io.jobqueue.RecurringMethodJob;
import io.jobqueue.RecurringSettings;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.OptionValues;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code recurring:} section of {@code jobqueue.yaml}: a map of entry names to
 * {@code {cron, zone, queue, job, data, method, missed}}. Every error is one line naming the source,
 * the entry, the key and the value. Classes are not loaded here: a worker checks them when it starts.
 */
public final class RecurringSettingsParser {

    /** The keys of one entry. */
    static final java.util.List<String> KEYS = java.util.List.of("cron", "zone", "queue", "job", "data", "method", "missed");

    private RecurringSettingsParser() {
    }

    /**
     * The entries of the section; {@link RecurringSettings#EMPTY} when it is absent.
     *
     * @throws ConfigurationException naming the source, the entry, the key and the value
     */
    @SuppressWarnings("unchecked")
    public static RecurringSettings parse(Object section, String source) {
        if (section == null) {
            return RecurringSettings.EMPTY;
        }
        if (!(section instanceof Map<?, ?> map)) {
            throw new ConfigurationException("'recurring' in " + source + " must be a map of names to recurring jobs");
        }
        Map<String, RecurringJob> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> value)) {
                throw new ConfigurationException("recurring job '" + name + "' in " + source
                        + " must be a map with cron, queue and job (or method)");
            }
            entries.put(name, entry(name, (Map<String, Object>) value, source));
        }
        return new RecurringSettings(entries, null);
    }

    private static RecurringJob entry(String name, Map<String, Object> values, String source) {
        String where = "recurring job '" + name + "' in " + source;
        OptionReader reader = OptionReader.forSection(where, values);
        String cron = reader.string("cron", null);
        String zone = reader.string("zone", null);
        String queue = reader.string("queue", null);
        String job = reader.string("job", null);
        String method = reader.string("method", null);
        Object data = values.get("data");
        reader.allow("data");
        RecurringJob.Missed missed = reader.read("missed", RecurringJob.Missed.RUN_ONCE, RecurringSettingsParser::missed);
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigurationException("unknown key '" + key + "' for " + where + OptionValues.suggestion(key, KEYS));
            }
        }
        reader.done();
        if (cron == null) {
            throw new ConfigurationException("key 'cron' is required for " + where + " (e.g. cron: \"*/5 * * * *\")");
        }
        if (queue == null) {
            throw new ConfigurationException("key 'queue' is required for " + where);
        }
        if ((job == null) == (method == null)) {
            throw new ConfigurationException(where + " needs exactly one of 'job' (a job class, with its fields in 'data')"
                    + " and 'method' (a @Recurring method, e.g. com.example.Reports#nightly)"
                    + (job != null ? ", not both" : ""));
        }
        if (method != null && data != null) {
            throw new ConfigurationException("key 'data' goes with 'job', not with 'method', for " + where);
        }
        try {
            RecurringJob.Builder builder = RecurringJob.builder(name).cron(cron).queue(queue).missed(missed);
            if (zone != null) {
                builder.zone(zone);
            }
            if (job != null) {
                builder.job(job.strip(), json(data, where));
            } else {
                int hash = method.indexOf('#');
                if (hash <= 0 || hash == method.length() - 1) {
                    throw new IllegalArgumentException("key 'method' must be Class#method, was '" + method + "' for recurring job '"
                            + name + "'");
                }
                builder.job(RecurringMethodJob.class.getName(),
                        RecurringMethods.jsonOf(method.substring(0, hash).strip(), method.substring(hash + 1).strip()));
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + " in " + source, e);
        }
    }

    private static String json(Object data, String where) {
        if (data == null) {
            return "{}";
        }
        if (!(data instanceof Map<?, ?>)) {
            throw new ConfigurationException("key 'data' must be a map of the job's fields, was '" + data + "' for " + where);
        }
        try {
            return JobSerializer.defaultSerializer().mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("key 'data' cannot be written as JSON for " + where + ": " + e.getOriginalMessage(), e);
        }
    }

    private static RecurringJob.Missed missed(Object value) {
        String text = OptionValues.string("missed", value).strip().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return switch (text) {
            case "runonce" -> RecurringJob.Missed.RUN_ONCE;
            case "skip" -> RecurringJob.Missed.SKIP;
            default -> throw new IllegalArgumentException("option 'missed' must be runOnce or skip, was '" + value + "'");
        };
    }
}
