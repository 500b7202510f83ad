package io.jobqueue;

import io.jobqueue.internal.CronSchedule;
import io.jobqueue.internal.RecurringMethods;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job submitted on a cron schedule: its name, a 5-field Unix cron expression read in a time zone,
 * the configured queue it goes to, the job (a {@link Job} instance, or a job class and its JSON), and
 * what happens to ticks missed while no worker ran ({@link Missed}). Declared in the
 * {@code recurring:} section of {@code jobqueue.yaml}, built here in code, or read from
 * {@link Recurring @Recurring} methods ({@link #fromAnnotations}); every {@link Worker} that watches
 * the queue submits its ticks.
 *
 * <p>Each tick {@code T} is submitted with the unique key {@link #uniqueKey(Instant)}
 * ({@code recurring:<name>:<T in epoch seconds>}) for a period that lasts until the next tick plus
 * {@link #KEY_MARGIN}, so however many workers submit it, the backend stores one message. The
 * message carries the headers {@link #HEADER_NAME} and {@link #HEADER_TICK}. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * RecurringJob report = RecurringJob.builder("nightly-report")
 *         .cron("0 3 * * *").zone("Europe/Berlin").queue("reports").job(new ReportJob("daily"))
 *         .build();
 * }</pre>
 */
public final class RecurringJob {

    /** What a worker does with ticks that passed while no worker ran (or the backend was down). */
    public enum Missed {
        /** Submit the latest tick at or before now, however old: one message, even after days down. */
        RUN_ONCE,
        /** Submit a tick only when it is at most {@link #SKIP_GRACE} in the past; older ones are skipped. */
        SKIP
    }

    /** How late a tick may be seen and still be submitted under {@link Missed#SKIP}. */
    public static final Duration SKIP_GRACE = Duration.ofMinutes(1);
    /**
     * How long a tick's unique key outlives the next tick: workers whose clocks are this much apart
     * still store the tick once.
     */
    public static final Duration KEY_MARGIN = Duration.ofMinutes(10);
    /** The header naming the entry a message was submitted for. */
    public static final String HEADER_NAME = "jobqueue.recurring";
    /** The header with the tick a message was submitted for, as an ISO-8601 instant. */
    public static final String HEADER_TICK = "jobqueue.recurring-tick";
    /** Longest name, so that the unique key stays within {@link io.jobqueue.spi.Headers#MAX_KEY_LENGTH}. */
    public static final int MAX_NAME_LENGTH = 150;
    /** The zone of an entry that names none. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    private final String name;
    private final CronSchedule schedule;
    private final ZoneId zone;
    private final String queue;
    private final Job job;
    private final String jobClass;
    private final String data;
    private final Missed missed;

    private RecurringJob(Builder b, CronSchedule schedule) {
        this.name = b.name;
        this.schedule = schedule;
        this.zone = b.zone;
        this.queue = b.queue;
        this.job = b.job;
        this.jobClass = b.job != null ? b.job.getClass().getName() : b.jobClass;
        this.data = b.job != null ? null : b.data;
        this.missed = b.missed;
    }

    /** A builder for an entry of this name: letters, digits, {@code . _ -}, 1 to {@value #MAX_NAME_LENGTH} characters. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The entries declared by the {@link Recurring @Recurring} methods of a class that name a cron
     * expression and a queue, in the order of their names.
     *
     * @throws IllegalArgumentException naming the method when an annotated method or its schedule is not valid
     */
    public static List<RecurringJob> fromAnnotations(Class<?> type) {
        return RecurringMethods.entries(type);
    }

    public String name() {
        return name;
    }

    /** The cron expression as given. */
    public String cron() {
        return schedule.expression();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The configured name of the queue the ticks are submitted to. */
    public String queue() {
        return queue;
    }

    /** The job instance, when the entry was built with one (then every tick submits it, written anew). */
    public Optional<Job> job() {
        return Optional.ofNullable(job);
    }

    /** The class of the job. */
    public String jobClass() {
        return jobClass;
    }

    /** The job's fields as a JSON object, when the entry was built with a class and JSON; empty with an instance. */
    public Optional<String> data() {
        return Optional.ofNullable(data);
    }

    /** The payload every tick submits for an entry built with a class and JSON: {@code {"type":…,"job":…}}. */
    public Optional<String> payload() {
        return data == null ? Optional.empty()
                : Optional.of("{\"type\":" + quote(jobClass) + ",\"job\":" + data + "}");
    }

    public Missed missed() {
        return missed;
    }

    /** The unique key of a tick: {@code recurring:<name>:<epoch seconds>}. */
    public String uniqueKey(Instant tick) {
        return "recurring:" + name + ":" + tick.getEpochSecond();
    }

    /** The first tick strictly after {@code after}; empty when the expression fires no more. */
    public Optional<Instant> nextTick(Instant after) {
        return schedule.next(after, zone);
    }

    /** The latest tick at or before {@code atOrBefore}; empty when there was none. */
    public Optional<Instant> latestTick(Instant atOrBefore) {
        return schedule.latest(atOrBefore, zone);
    }

    /**
     * How long the unique key of {@code tick}, submitted at {@code now}, must hold: until the next
     * tick plus {@link #KEY_MARGIN}, at most {@link UniqueScope#MAX_PERIOD}.
     */
    public Duration keyPeriod(Instant tick, Instant now) {
        Duration period = nextTick(tick).map(next -> Duration.between(now, next).plus(KEY_MARGIN)).orElse(UniqueScope.MAX_PERIOD);
        if (period.compareTo(KEY_MARGIN) < 0) {
            period = KEY_MARGIN;
        }
        return period.compareTo(UniqueScope.MAX_PERIOD) > 0 ? UniqueScope.MAX_PERIOD : period;
    }

    /** A builder holding this entry's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(name).cron(cron()).zone(zone).queue(queue).missed(missed);
        return job != null ? b.job(job) : b.job(jobClass, data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecurringJob that && name.equals(that.name) && cron().equals(that.cron())
                && zone.equals(that.zone) && queue.equals(that.queue) && Objects.equals(job, that.job)
                && jobClass.equals(that.jobClass) && Objects.equals(data, that.data) && missed == that.missed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, cron(), zone, queue, jobClass, data, missed);
    }

    @Override
    public String toString() {
        return "RecurringJob[" + name + ": '" + cron() + "' " + zone + " -> " + queue + " " + jobClass + ", missed " + missed + "]";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Builds a {@link RecurringJob}; the cron expression, the queue and the job are required. */
    public static final class Builder {
        private final String name;
        private String cron;
        private ZoneId zone = DEFAULT_ZONE;
        private String queue;
        private Job job;
        private String jobClass;
        private String data;
        private Missed missed = Missed.RUN_ONCE;

        private Builder(String name) {
            this.name = name;
        }

        /** A 5-field Unix cron expression, e.g. {@code "*}{@code /5 * * * *"}, or a macro such as {@code @daily}. */
        public Builder cron(String expression) {
            cron = expression;
            return this;
        }

        /** The zone the expression is read in (default UTC). */
        public Builder zone(ZoneId value) {
            zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /**
         * The zone by its id, e.g. {@code Europe/Berlin} or {@code UTC}.
         *
         * @throws IllegalArgumentException naming the entry and the value when the zone is unknown
         */
        public Builder zone(String id) {
            try {
                zone = ZoneId.of(Objects.requireNonNull(id, "zone").strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + id + "' for recurring job '" + name
                        + "' (give a region id such as Europe/Berlin, or UTC)", e);
            }
            return this;
        }

        /** The configured name of the queue. */
        public Builder queue(String value) {
            queue = value;
            return this;
        }

        /** Submit this job at every tick (it is written anew as JSON each time). */
        public Builder job(Job value) {
            job = Objects.requireNonNull(value, "job");
            jobClass = null;
            data = null;
            return this;
        }

        /**
         * Submit a job of this class with these fields (a JSON object; null for none) at every tick.
         * The class is loaded when a worker starts, not here.
         */
        public Builder job(String className, String json) {
            jobClass = className;
            data = json == null || json.isBlank() ? "{}" : json.strip();
            job = null;
            return this;
        }

        /** What happens to missed ticks (default {@link Missed#RUN_ONCE}). */
        public Builder missed(Missed value) {
            missed = Objects.requireNonNull(value, "missed");
            return this;
        }

        /**
         * Builds the entry.
         *
         * @throws IllegalArgumentException naming the entry, the setting and the value when one is not valid
         */
        public RecurringJob build() {
            if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("the name of a recurring job must be 1 to " + MAX_NAME_LENGTH
                        + " characters of A-Z a-z 0-9 . _ -, was " + (name == null ? "null" : "'" + name + "'"));
            }
            if (cron == null) {
                throw new IllegalArgumentException("recurring job '" + name + "' has no cron expression");
            }
            CronSchedule schedule;
            try {
                schedule = CronSchedule.parse(cron);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid cron expression '" + cron + "' for recurring job '" + name + "': "
                        + e.getMessage(), e);
            }
            if (queue == null || queue.isBlank()) {
                throw new IllegalArgumentException("recurring job '" + name + "' names no queue");
            }
            if (job == null && (jobClass == null || jobClass.isBlank())) {
                throw new IllegalArgumentException("recurring job '" + name + "' has no job: give a job instance, or a job class"
                        + " and its JSON");
            }
            if (data != null) {
                checkObject(data);
            }
            return new RecurringJob(this, schedule);
        }

        private void checkObject(String json) {
            com.fasterxml.jackson.databind.JsonNode node;
            try {
                node = JobSerializer.defaultSerializer().mapper().readTree(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the data of recurring job '" + name + "' is not valid JSON: "
                        + e.getOriginalMessage(), e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the data of recurring job '" + name + "' must be a JSON object, was '" + json + "'");
            }
        }
    }
}
