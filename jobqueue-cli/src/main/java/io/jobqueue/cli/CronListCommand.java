package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.Queue;
import io.jobqueue.RecurringJob;
import io.jobqueue.RecurringSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cron:list [--json]}: the recurring jobs of the settings, one row each: name, cron, zone,
 * queue, missed-tick policy, last run and next run (in the entry's zone). The last run is the most
 * recent tick whose unique key still holds a message in the queue ({@code findUnique}); a key lives
 * until the next tick plus {@link RecurringJob#KEY_MARGIN}, so only the latest one or two ticks can
 * be known, older ones say "unknown", as do queues whose backend has no unique keys. A queue that
 * cannot be read is one line (on stderr) and exit code 1; the other rows still print. Read-only.
 */
@Command(name = "cron:list", description = "List the recurring jobs of the settings with their last and next run.")
final class CronListCommand extends CliCommand {

    static final String UNKNOWN = "unknown";

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    /** What is known of one entry's last run. */
    private record LastRun(Instant tick, String messageId) {
    }

    @Override
    public Integer call() {
        Session session = session();
        RecurringSettings recurring = session.settings().recurring();
        Instant now = Clock.systemUTC().instant();
        Set<String> notes = new LinkedHashSet<>();
        List<Map<String, Object>> documents = new ArrayList<>();
        Table table = new Table("Name", "Cron", "Zone", "Queue", "Missed", "Last run", "Next run");
        for (RecurringJob entry : recurring.entries().values()) {
            Optional<LastRun> last = Optional.empty();
            try {
                last = lastRun(session, entry, now);
            } catch (RuntimeException e) {
                notes.add("cannot read queue '" + entry.queue() + "' for recurring job '" + entry.name() + "': " + Session.describe(e));
            }
            Optional<Instant> next = entry.nextTick(now);
            table.row(entry.name(), entry.cron(), entry.zone().getId(), entry.queue(), missed(entry),
                    last.map(l -> local(entry, l.tick())).orElse(UNKNOWN), next.map(t -> local(entry, t)).orElse("never"));
            documents.add(document(entry, last, next));
        }
        if (json) {
            notes.forEach(session.err()::println);
            Json.print(session.out(), documents);
        } else if (recurring.entries().isEmpty()) {
            session.out().println("No recurring jobs in " + session.config().source() + ".");
        } else {
            table.print(session.out());
            notes.forEach(session.err()::println);
        }
        return notes.isEmpty() ? JobQueueCli.EXIT_OK : JobQueueCli.EXIT_ERROR;
    }

    /** The latest tick whose key holds a message: the latest tick, or the one before while its key may still live. */
    private Optional<LastRun> lastRun(Session session, RecurringJob entry, Instant now) {
        Optional<Instant> latest = entry.latestTick(now);
        if (latest.isEmpty() || session.notSetUp(entry.queue()).isPresent()) {
            return Optional.empty();
        }
        Queue queue = session.queueToRead(entry.queue());
        if (!queue.capabilities().has(Capability.UNIQUE)) {
            return Optional.empty();
        }
        List<Instant> ticks = new ArrayList<>(List.of(latest.get()));
        if (now.isBefore(latest.get().plus(RecurringJob.KEY_MARGIN))) {
            entry.latestTick(latest.get().minusSeconds(1)).ifPresent(ticks::add);
        }
        for (Instant tick : ticks) {
            Optional<String> id = read(entry.queue(), () -> queue.findUnique(entry.uniqueKey(tick)));
            if (id.isPresent()) {
                return Optional.of(new LastRun(tick, id.get()));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> document(RecurringJob entry, Optional<LastRun> last, Optional<Instant> next) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", entry.name());
        document.put("cron", entry.cron());
        document.put("zone", entry.zone().getId());
        document.put("queue", entry.queue());
        document.put("job", entry.jobClass());
        document.put("missed", missed(entry));
        document.put("lastRun", last.map(l -> l.tick().toString()).orElse(null));
        document.put("lastRunMessage", last.map(LastRun::messageId).orElse(null));
        document.put("nextRun", next.map(Instant::toString).orElse(null));
        return document;
    }

    /** {@code runOnce} or {@code skip}, as the settings write it. */
    private static String missed(RecurringJob entry) {
        return entry.missed() == RecurringJob.Missed.RUN_ONCE ? "runOnce" : entry.missed().name().toLowerCase(Locale.ROOT);
    }

    /** The tick in the entry's zone, to the minute with its offset: {@code 2026-12-02T03:00+01:00}. */
    private static String local(RecurringJob entry, Instant tick) {
        return tick.truncatedTo(ChronoUnit.SECONDS).atZone(entry.zone()).toOffsetDateTime().toString();
    }
}
