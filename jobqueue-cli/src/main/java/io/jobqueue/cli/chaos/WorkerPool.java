package io.jobqueue.cli.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The worker processes of a chaos run: child JVMs with this JVM's {@code java} and the given class
 * path, each running {@link ChaosWorkerMain} with its own record file and log in the run's folder.
 * Workers are numbered 1, 2, … in the order they start; a killed worker's replacement gets the next
 * number. Thread-safe; {@link #close()} SIGKILLs whatever still runs and is idempotent.
 */
public final class WorkerPool implements AutoCloseable {

    /** Small heaps and the quick compiler: the machine runs several of these at once. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path folder;
    private final Path settingsFile;
    private final String queueName;
    private final int concurrency;
    private final String classPath;
    private final TreeMap<Integer, Process> live = new TreeMap<>();
    private int started;
    private boolean closed;

    /**
     * @param folder       where record files and logs go
     * @param settingsFile the settings (JSON) with the queue, as the workers read them
     * @param classPath    the workers' class path
     */
    public WorkerPool(Path folder, Path settingsFile, String queueName, int concurrency, String classPath) {
        this.folder = folder;
        this.settingsFile = settingsFile;
        this.queueName = queueName;
        this.concurrency = concurrency;
        this.classPath = classPath;
    }

    /** Starts one more worker process and returns its number. */
    public synchronized int start() {
        if (closed) {
            throw new IllegalStateException("the worker pool is closed");
        }
        int worker = ++started;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", classPath, ChaosWorkerMain.class.getName(), settingsFile.toString(), queueName,
                Integer.toString(concurrency), RunRecords.file(folder, worker).toString(),
                Long.toString(ProcessHandle.current().pid())));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("worker-" + worker + ".log").toFile())).start();
            live.put(worker, process);
        } catch (IOException e) {
            throw new ChaosSetupException("cannot start worker process " + worker + ": " + e.getMessage(), e);
        }
        return worker;
    }

    /** SIGKILLs a live worker chosen by {@code random}, waits for its death, and returns the kill. */
    public synchronized Kill killOne(Random random) {
        List<Integer> numbers = new ArrayList<>(live.keySet());
        if (numbers.isEmpty()) {
            throw new IllegalStateException("no live worker to kill");
        }
        int worker = numbers.get(random.nextInt(numbers.size()));
        Process process = live.remove(worker);
        long at = RunRecorder.now();
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no give-back
        waitFor(process, Duration.ofSeconds(30));
        return new Kill(worker, process.pid(), at, RunRecorder.now());
    }

    /** Workers that exited on their own (not killed by the run): their numbers and exit codes. */
    public synchronized List<String> exitedOnTheirOwn() {
        List<String> exited = new ArrayList<>();
        live.forEach((worker, process) -> {
            if (!process.isAlive()) {
                exited.add("worker " + worker + " exited with code " + process.exitValue() + " (see "
                        + folder.resolve("worker-" + worker + ".log") + ")");
            }
        });
        return exited;
    }

    /** How many worker processes were started, replacements included. */
    public synchronized int started() {
        return started;
    }

    /** Stops every live worker with SIGTERM (a graceful stop), SIGKILLing those still alive after {@code grace}. */
    public synchronized void stopAll(Duration grace) {
        live.values().forEach(Process::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Process process : live.values()) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!waitFor(process, Duration.ofNanos(left))) {
                process.destroyForcibly();
                waitFor(process, Duration.ofSeconds(10));
            }
        }
        live.clear();
    }

    private static boolean waitFor(Process process, Duration patience) {
        try {
            return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        live.values().forEach(Process::destroyForcibly);
        live.values().forEach(process -> waitFor(process, Duration.ofSeconds(10)));
        live.clear();
    }
}
