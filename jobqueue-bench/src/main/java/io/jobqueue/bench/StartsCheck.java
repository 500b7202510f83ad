package io.jobqueue.bench;

import io.jobqueue.JobManager;
import io.jobqueue.QueueManager;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.ReserveLimits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How exactly a queue's {@code rateLimit} holds with several worker processes: submits N jobs,
 * starts P worker JVMs on the queue, collects the wall-clock time of every job start from their
 * output, and prints one markdown row: starts per second over the whole windows from the first start, the
 * most starts in one fixed window of the limit's interval and in any sliding one, against the limit.
 *
 * <pre>java -cp jobqueue-bench.jar io.jobqueue.bench.StartsCheck --config bench.yaml --queue q --jobs 5000 --processes 4</pre>
 */
@Command(name = "starts-check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures job starts per window of a rate-limited queue with several worker processes.")
public final class StartsCheck implements Callable<Integer> {

    /** The table header of {@link #call()}'s row. */
    static final String HEADER = "| queue | rateLimit | processes × threads | jobs | starts/s | of the limit | most in a fixed window | most in a sliding window |\n"
            + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |";

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "jobqueue.yaml")
    private Path config;
    @Option(names = "--queue", required = true, paramLabel = "NAME", description = "a queue with option rateLimit")
    private String queue;
    @Option(names = "--jobs", defaultValue = "5000", paramLabel = "N", description = "jobs to start (default: ${DEFAULT-VALUE})")
    private int jobs;
    @Option(names = "--processes", defaultValue = "4", paramLabel = "P", description = "worker JVMs (default: ${DEFAULT-VALUE})")
    private int processes;
    @Option(names = "--workers", defaultValue = "4", paramLabel = "W", description = "threads per worker JVM (default: ${DEFAULT-VALUE})")
    private int workers;
    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS", description = "give up after (default: ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StartsCheck()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (jobs < 2 || processes < 1 || workers < 1 || timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--jobs must be at least 2, --processes, --workers and"
                    + " --timeout at least 1");
        }
        ReserveLimits limits;
        try (QueueManager queues = QueueManager.fromYaml(config)) {
            Map<String, Object> options = queues.getQueueSettings(queue).options();
            limits = ReserveLimits.parse(queue, options == null ? Map.of() : options);
            if (!limits.limitsRate()) {
                throw new CommandLine.ParameterException(new CommandLine(this), "queue '" + queue + "' has no option rateLimit");
            }
            queues.getQueue(queue).setUp();
            queues.getQueue(queue).flush();
        }
        ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
        CountDownLatch all = new CountDownLatch(jobs);
        CountDownLatch ready = new CountDownLatch(processes);
        List<Process> children = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                children.add(startWorker(starts, all, ready));
            }
            if (!ready.await(timeoutSeconds, TimeUnit.SECONDS)) {
                System.err.printf(Locale.ROOT, "starts-check: the worker processes did not start within %d s%n", timeoutSeconds);
                return 1;
            }
            submit();
            if (!all.await(timeoutSeconds, TimeUnit.SECONDS)) {
                System.err.printf(Locale.ROOT, "starts-check: only %,d of %,d jobs started within %d s%n", jobs - all.getCount(), jobs,
                        timeoutSeconds);
                return 1;
            }
        } finally {
            for (Process child : children) {
                child.getOutputStream().close();
            }
            for (Process child : children) {
                if (!child.waitFor(15, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
        long[] micros = starts.stream().mapToLong(Long::longValue).sorted().toArray();
        long windowMicros = limits.ratePer().toNanos() / 1_000;
        double perSecond = perSecondOverWholeWindows(micros, windowMicros);
        double limitPerSecond = limits.rateCount() * 1e9 / limits.ratePer().toNanos();
        System.out.println(HEADER);
        System.out.printf(Locale.ROOT, "| %s | %s | %d × %d | %,d | %,.0f | %.3f | %,d | %,d |%n", queue, limits.describeRate(), processes,
                workers, micros.length, perSecond, perSecond / limitPerSecond, mostInFixedWindow(micros, windowMicros),
                mostInSlidingWindow(micros, windowMicros));
        return 0;
    }

    /** Submits the jobs once every worker process is waiting, so that none starts with a head start. */
    private void submit() {
        try (QueueManager queues = QueueManager.fromYaml(config)) {
            JobManager jobManager = new JobManager(queues);
            List<StampJob> chunk = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                chunk.add(new StampJob(i));
                if (chunk.size() == 500 || i == jobs - 1) {
                    jobManager.queueAll(queue, chunk, SubmitOptions.DEFAULT);
                    chunk.clear();
                }
            }
        }
    }

    private Process startWorker(ConcurrentLinkedQueue<Long> starts, CountDownLatch all, CountDownLatch ready) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StampWorkerMain.class.getName(),
                config.toString(), queue, Integer.toString(workers)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    } else if (line.startsWith("start ")) {
                        starts.add(Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)));
                        all.countDown();
                    }
                }
            } catch (java.io.IOException | NumberFormatException ignored) {
                // the child ended; what it printed is counted
            }
        }, "starts-check-reader");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    /**
     * Starts per second over the whole windows from the first start: the starts in
     * [first, first + k·w) for the largest k that ends by the last start, over k·w. (From the first
     * start to the last would count the last window's burst without its window, a fencepost that
     * makes N jobs at the limit look faster by N / (N − count).) With less than one window, over the
     * time from the first start to the last.
     */
    static double perSecondOverWholeWindows(long[] sortedMicros, long windowMicros) {
        long first = sortedMicros[0];
        long span = sortedMicros[sortedMicros.length - 1] - first;
        long windows = span / windowMicros;
        if (windows == 0) {
            return (sortedMicros.length - 1) * 1e6 / Math.max(1, span);
        }
        long end = first + windows * windowMicros;
        int inside = 0;
        for (long t : sortedMicros) {
            if (t < end) {
                inside++;
            }
        }
        return inside * 1e6 / (windows * windowMicros);
    }

    /** The most starts in one window [k·w, (k+1)·w) of the epoch. */
    static int mostInFixedWindow(long[] sortedMicros, long windowMicros) {
        int most = 0;
        int count = 0;
        long window = Long.MIN_VALUE;
        for (long t : sortedMicros) {
            long w = Math.floorDiv(t, windowMicros);
            count = w == window ? count + 1 : 1;
            window = w;
            most = Math.max(most, count);
        }
        return most;
    }

    /** The most starts in any half-open interval of the window's length. */
    static int mostInSlidingWindow(long[] sortedMicros, long windowMicros) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < sortedMicros.length; to++) {
            while (sortedMicros[to] - sortedMicros[from] >= windowMicros) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }
}
