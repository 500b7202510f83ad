package io.jobqueue.internal;

import io.jobqueue.Capability;
import io.jobqueue.ConfigurationException;
import io.jobqueue.Job;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.RecurringJob;
import io.jobqueue.RecurringMethodJob;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Submitted;
import io.jobqueue.UniqueScope;
import io.jobqueue.UnreadablePayloadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits the ticks of the recurring jobs of a worker's queues: each tick once per scheduler, with
 * the tick's unique key, so that the backend stores one message however many schedulers submit it.
 * {@link #check()} is one pass; {@link #start()} runs passes on a thread of its own every second (or
 * at the next tick, when sooner) until {@link #close()}. A scheduler whose entries came from a
 * settings file reads the file again when it changes; a bad new section is logged in one line and the
 * entries in force are kept.
 *
 * <p>Entries come from the settings (those whose queue the worker watches) and from code (which must
 * name a watched queue); a name may be used once. Every entry is checked when it is taken: its queue
 * exists and its backend has {@link Capability#UNIQUE}, its job class is readable. A failed submit is
 * logged once per outage and tried again at the next pass. Thread-safe.
 */
public final class RecurringScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecurringScheduler.class);
    /** The longest wait between two passes. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final JobManager jobs;
    private final Set<String> queueNames;
    private final Clock clock;
    private final Path file;
    private final Duration reloadInterval;
    private final Map<String, Instant> lastSubmitted = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private volatile List<Entry> fromSettings;
    private volatile List<Entry> fromCode;
    private FileStamp stamp;
    private long nextReloadNanos;
    private Thread thread;
    private boolean closed;

    /** One entry, checked, with the way to make its job. */
    private record Entry(RecurringJob job, Supplier<Job> make) {
    }

    /** What tells a changed file: its contents (a settings file is small; times can be too coarse to tell two edits apart). */
    private record FileStamp(String contents) {
    }

    /**
     * A scheduler for a worker of these queues.
     *
     * @param code           entries given in code (each must name one of the queues)
     * @param reloadInterval how often the settings file is looked at; zero never
     * @throws ConfigurationException naming the entry, its queue and what is wrong
     */
    public RecurringScheduler(JobManager jobs, Collection<String> queueNames, Collection<RecurringJob> code, Clock clock,
            Duration reloadInterval) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.queueNames = Set.copyOf(queueNames);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reloadInterval = reloadInterval;
        JobQueueSettings settings = jobs.queueManager().settings();
        this.file = settings.recurring().file();
        this.fromCode = prepare(code, true, Set.of());
        this.fromSettings = prepare(settings.recurring().entries().values(), false, jobs.queueManager().queueNames());
        checkNames(fromSettings, fromCode);
        this.stamp = file == null ? null : stampOf(file);
    }

    /** The entries in force, settings first. */
    public List<RecurringJob> entries() {
        List<RecurringJob> all = new ArrayList<>();
        fromSettings.forEach(e -> all.add(e.job()));
        fromCode.forEach(e -> all.add(e.job()));
        return all;
    }

    /** True when there is something to do: entries, or a settings file that may bring some. */
    public boolean hasWork() {
        return !fromSettings.isEmpty() || !fromCode.isEmpty() || (file != null && !reloadInterval.isZero());
    }

    /**
     * Replaces the entries given in code; those of the settings stay.
     *
     * @throws ConfigurationException as the constructor does; the entries in force are kept then
     */
    public void replace(Collection<RecurringJob> code) {
        List<Entry> prepared = prepare(code, true, Set.of());
        checkNames(fromSettings, prepared);
        fromCode = prepared;
        wake();
    }

    /**
     * One pass: for every entry, submits its latest tick at or before now unless this scheduler did
     * already ({@link RecurringJob.Missed#SKIP}: only when at most {@link RecurringJob#SKIP_GRACE} old).
     *
     * @return how many messages were stored (duplicates not counted)
     */
    public int check() {
        Instant now = clock.instant();
        int stored = 0;
        List<Entry> all = new ArrayList<>(fromSettings);
        all.addAll(fromCode);
        for (Entry entry : all) {
            RecurringJob job = entry.job();
            Optional<Instant> latest = job.latestTick(now);
            if (latest.isEmpty() || latest.get().equals(lastSubmitted.get(job.name()))) {
                continue;
            }
            Instant tick = latest.get();
            if (job.missed() == RecurringJob.Missed.SKIP && Duration.between(tick, now).compareTo(RecurringJob.SKIP_GRACE) > 0) {
                lastSubmitted.put(job.name(), tick);
                LOG.info("Recurring job {} skipped its tick {} ({} late; missed: skip)", job.name(), tick, Duration.between(tick, now));
                continue;
            }
            if (submit(entry, tick, now)) {
                stored++;
            }
        }
        return stored;
    }

    /**
     * Reads the settings file again when it changed since it was last read, and takes its
     * {@code recurring:} section; a bad file is logged in one line and the entries in force are kept.
     *
     * @return true when new entries were taken
     */
    public synchronized boolean reloadIfChanged() {
        if (file == null) {
            return false;
        }
        FileStamp now = stampOf(file);
        if (Objects.equals(now, stamp)) {
            return false;
        }
        stamp = now;
        try {
            JobQueueSettings read = JobQueueSettings.fromYaml(file);
            Set<String> configured = new java.util.HashSet<>(jobs.queueManager().queueNames());
            configured.addAll(read.queues().keySet()); // a queue added with its entry is another worker's, not a typo
            List<Entry> prepared = prepare(read.recurring().entries().values(), false, configured);
            checkNames(prepared, fromCode);
            if (entriesOf(prepared).equals(entriesOf(fromSettings))) {
                return false;
            }
            fromSettings = prepared;
            LOG.info("Recurring jobs read again from {}: {}", file, names(prepared));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("The recurring jobs of {} were not read again, the {} in force are kept: {}", file, fromSettings.size(),
                    JobQueueException.class.isInstance(e) ? e.getMessage() : e.toString());
            return false;
        }
    }

    /** Starts passes on a daemon thread: every second, or at the next tick when sooner. Idempotent. */
    public void start() {
        synchronized (lock) {
            if (thread != null || closed) {
                return;
            }
            thread = new Thread(this::loop, "jobqueue-recurring");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops the passes and waits a little for one under way. Idempotent; safe before start. */
    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            closed = true;
            running = thread;
            lock.notifyAll();
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        nextReloadNanos = System.nanoTime() + reloadInterval.toNanos();
        while (true) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
            }
            try {
                if (!reloadInterval.isZero() && System.nanoTime() - nextReloadNanos >= 0) {
                    nextReloadNanos = System.nanoTime() + reloadInterval.toNanos();
                    reloadIfChanged();
                }
                check();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("A pass of the recurring jobs failed; trying again at the next one", e);
            }
            long waitMillis = Math.max(10, untilNextPass().toMillis());
            synchronized (lock) {
                if (closed) {
                    return;
                }
                try {
                    lock.wait(waitMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** A second, or less when a tick comes sooner. */
    private Duration untilNextPass() {
        Instant now = clock.instant();
        Duration wait = CHECK_INTERVAL;
        List<Entry> all = new ArrayList<>(fromSettings);
        all.addAll(fromCode);
        for (Entry entry : all) {
            Optional<Instant> next = entry.job().nextTick(now);
            if (next.isPresent() && Duration.between(now, next.get()).compareTo(wait) < 0) {
                wait = Duration.between(now, next.get());
            }
        }
        return wait;
    }

    private boolean submit(Entry entry, Instant tick, Instant now) {
        RecurringJob job = entry.job();
        SubmitOptions options = SubmitOptions.DEFAULT
                .withUniqueKey(job.uniqueKey(tick), UniqueScope.forPeriod(job.keyPeriod(tick, now)))
                .withHeader(RecurringJob.HEADER_NAME, job.name())
                .withHeader(RecurringJob.HEADER_TICK, tick.toString());
        try {
            Submitted submitted = jobs.offer(job.queue(), entry.make().get(), options);
            lastSubmitted.put(job.name(), tick);
            if (failing.remove(job.name())) {
                LOG.info("Recurring job {} submits again", job.name());
            }
            if (submitted.duplicate()) {
                LOG.debug("Recurring job {}: tick {} is in queue {} already as message {}", job.name(), tick, job.queue(),
                        submitted.id());
                return false;
            }
            LOG.info("Recurring job {}: submitted tick {} to queue {} as message {}", job.name(), tick, job.queue(), submitted.id());
            return true;
        } catch (RuntimeException e) {
            if (failing.add(job.name())) {
                LOG.warn("Recurring job {}: submitting tick {} to queue {} failed; trying again every pass until it works: {}",
                        job.name(), tick, job.queue(), e.toString());
            }
            return false;
        }
    }

    /** Checks entries and keeps those of this worker's queues; {@code configured} are the queues a settings entry may name. */
    private List<Entry> prepare(Collection<RecurringJob> given, boolean fromCodeEntries, Set<String> configured) {
        List<Entry> prepared = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (RecurringJob job : given) {
            Objects.requireNonNull(job, "recurring job");
            if (!names.add(job.name())) {
                throw new ConfigurationException("recurring job '" + job.name() + "' is given twice; give each name once");
            }
            if (!queueNames.contains(job.queue())) {
                if (!fromCodeEntries && !configured.contains(job.queue())) {
                    throw new ConfigurationException("recurring job '" + job.name() + "' goes to queue '" + job.queue()
                            + "', which is not configured" + io.jobqueue.spi.OptionValues.suggestion(job.queue(),
                            List.copyOf(configured)));
                }
                if (fromCodeEntries) {
                    throw new ConfigurationException("recurring job '" + job.name() + "' goes to queue '" + job.queue()
                            + "', which this worker does not watch (" + String.join(", ", queueNames) + "); give it to a worker of that queue");
                }
                continue; // another worker's
            }
            prepared.add(new Entry(job, maker(job)));
        }
        return List.copyOf(prepared);
    }

    private Supplier<Job> maker(RecurringJob job) {
        Queue queue;
        try {
            jobs.queueManager().requireQueue(job.queue());
            queue = jobs.queueManager().getQueue(job.queue());
        } catch (JobQueueException e) {
            throw new ConfigurationException("recurring job '" + job.name() + "': " + e.getMessage(), e);
        }
        if (!queue.capabilities().has(Capability.UNIQUE)) {
            throw new ConfigurationException("recurring job '" + job.name() + "' needs unique keys on queue '" + job.queue()
                    + "' to store each tick once, which the " + queue.capabilities().backend() + " backend does not have;"
                    + " give it a queue on memory, jdbc or redis");
        }
        if (job.job().isPresent()) {
            Job instance = job.job().get();
            return () -> instance;
        }
        String payload = job.payload().orElseThrow();
        try {
            Job made = jobs.serializer().deserialize(payload);
            if (made instanceof RecurringMethodJob method) {
                method.target();
            }
        } catch (UnreadablePayloadException e) {
            throw new ConfigurationException("recurring job '" + job.name() + "': job " + job.jobClass() + " cannot be made: "
                    + e.getMessage(), e);
        }
        return () -> jobs.serializer().deserialize(payload);
    }

    private static void checkNames(List<Entry> settings, List<Entry> code) {
        Set<String> names = new java.util.HashSet<>();
        settings.forEach(e -> names.add(e.job().name()));
        for (Entry entry : code) {
            if (names.contains(entry.job().name())) {
                throw new ConfigurationException("recurring job '" + entry.job().name() + "' is declared in the settings and in code;"
                        + " give it one place or another name");
            }
        }
    }

    private static Map<String, RecurringJob> entriesOf(List<Entry> entries) {
        Map<String, RecurringJob> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.job().name(), e.job()));
        return map;
    }

    private static String names(List<Entry> entries) {
        return entries.isEmpty() ? "none" : String.join(", ", entries.stream().map(e -> e.job().name()).toList());
    }

    private static FileStamp stampOf(Path path) {
        try {
            return new FileStamp(Files.readString(path));
        } catch (java.io.IOException | RuntimeException e) {
            return new FileStamp(null); // gone or unreadable: the reload says why when it tries
        }
    }
}
