package io.jobqueue.internal;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A 5-field Unix cron expression (minute, hour, day of month, month, day of week), read by
 * cron-utils, and its ticks in a time zone. The macros {@code @yearly}, {@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight} and {@code @hourly} are read as
 * their 5-field forms; 6-field expressions (seconds) and {@code @reboot} are refused.
 *
 * <p>Ticks are computed in the zone's wall-clock time: a time that a spring-forward change skips
 * does not fire that day, a time that a fall-back change repeats fires once (at its first
 * occurrence), and a schedule that fires every hour or more often fires in both copies of the
 * repeated hour. Immutable and thread-safe.
 */
public final class CronSchedule {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** No tick of a valid expression is further apart than this (29 February of a leap year, every 4 to 8 years). */
    private static final long MAX_YEARS_AHEAD = 9;

    private final String expression;
    private final ExecutionTime times;

    private CronSchedule(String expression, ExecutionTime times) {
        this.expression = expression;
        this.times = times;
    }

    /**
     * Reads an expression.
     *
     * @throws IllegalArgumentException saying why, without the expression (the caller names it)
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("it is empty");
        }
        String text = expression.strip();
        if (text.startsWith("@")) {
            String macro = MACROS.get(text.toLowerCase(Locale.ROOT));
            if (macro == null) {
                throw new IllegalArgumentException("unknown macro (known: @yearly, @annually, @monthly, @weekly, @daily,"
                        + " @midnight, @hourly)");
            }
            text = macro;
        }
        Cron cron;
        try {
            synchronized (PARSER) {
                cron = PARSER.parse(text).validate();
            }
        } catch (IllegalArgumentException e) {
            String why = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
            if (why.startsWith("Cron expression contains")) {
                why = why + " (minute hour day-of-month month day-of-week; no seconds field)";
            }
            throw new IllegalArgumentException(why, e);
        }
        CronSchedule schedule = new CronSchedule(expression.strip(), ExecutionTime.forCron(cron));
        if (schedule.next(Instant.now(), ZoneId.of("UTC")).isEmpty()) {
            throw new IllegalArgumentException("it never fires (no such date)");
        }
        return schedule;
    }

    /** The expression as given (a macro as written). */
    public String expression() {
        return expression;
    }

    /** The first tick strictly after {@code after}; empty when there is none. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        ZonedDateTime from = after.atZone(zone);
        Optional<ZonedDateTime> next = times.nextExecution(from);
        if (next.isEmpty() || next.get().isAfter(from.plusYears(MAX_YEARS_AHEAD))) {
            return Optional.empty();
        }
        Instant tick = next.get().toInstant();
        return tick.isAfter(after) ? Optional.of(tick) : next(tick.plusSeconds(1).minusNanos(1), zone);
    }

    /** The last tick at or before {@code atOrBefore}; empty when there is none. */
    public Optional<Instant> latest(Instant atOrBefore, ZoneId zone) {
        // ticks fall on whole minutes: the library's "last before" of the next whole second is the tick at or before
        ZonedDateTime base = atOrBefore.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone);
        Optional<ZonedDateTime> last = times.lastExecution(base);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Instant tick = last.get().toInstant();
        if (tick.isAfter(atOrBefore)) {
            return Optional.empty();
        }
        for (Optional<Instant> later = next(tick, zone); later.isPresent() && !later.get().isAfter(atOrBefore);
                later = next(tick, zone)) {
            tick = later.get(); // the library's answer was not the latest: walk on to it
        }
        return Optional.of(tick);
    }

    @Override
    public String toString() {
        return expression;
    }
}
