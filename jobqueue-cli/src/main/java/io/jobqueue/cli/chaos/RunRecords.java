package io.jobqueue.cli.chaos;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the records of a chaos run's worker processes ({@code worker-<n>.runs} in one folder, as
 * {@link RunRecorder} writes them) while they grow: each {@link #poll()} reads what was appended
 * since the last one. An end is paired with the latest unpaired start of the same job in the same
 * file, and an acknowledged finish with the latest ended run of that job there without one; a last line without its line break (a worker killed while writing it) is kept until it is
 * complete and otherwise ignored, and so is a line that cannot be read. Not thread-safe.
 */
public final class RunRecords {

    private static final Pattern FILE = Pattern.compile("worker-(\\d+)\\.runs");

    private final Path folder;
    private final Map<Integer, WorkerFile> files = new TreeMap<>();
    private final BitSet finished = new BitSet();
    private int unreadable;

    public RunRecords(Path folder) {
        this.folder = folder;
    }

    /** The record file of worker number {@code worker} in the folder. */
    public static Path file(Path folder, int worker) {
        return folder.resolve("worker-" + worker + ".runs");
    }

    /** Reads what the workers appended since the last call. */
    public RunRecords poll() {
        try (Stream<Path> list = Files.list(folder)) {
            for (Path path : (Iterable<Path>) list::iterator) {
                Matcher m = FILE.matcher(path.getFileName().toString());
                if (m.matches()) {
                    int worker = Integer.parseInt(m.group(1));
                    files.computeIfAbsent(worker, w -> new WorkerFile(w, path)).read();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chaos run's records in " + folder, e);
        }
        return this;
    }

    /** How many distinct jobs have a run that reached its end. */
    public int finishedJobs() {
        return finished.cardinality();
    }

    /** Lines that could not be read (none but a torn last line is expected). */
    public int unreadableLines() {
        return unreadable;
    }

    /** Every run read so far: the ended ones, then those without an end ({@link Run#OPEN}). */
    public List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        for (WorkerFile file : files.values()) {
            runs.addAll(file.done);
            file.open.forEach((job, starts) -> starts.forEach(s -> runs.add(new Run(file.worker, job, (int) s[0], s[1], Run.OPEN))));
        }
        return runs;
    }

    /** One worker's file: how far it was read, and its runs. */
    private final class WorkerFile {
        final int worker;
        final Path path;
        long offset;
        final StringBuilder partial = new StringBuilder();
        final Map<Integer, Deque<long[]>> open = new HashMap<>();
        final List<Run> done = new ArrayList<>();

        WorkerFile(int worker, Path path) {
            this.worker = worker;
            this.path = path;
        }

        void read() throws IOException {
            byte[] bytes;
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
                long length = file.length();
                if (length <= offset) {
                    return;
                }
                bytes = new byte[(int) (length - offset)];
                file.seek(offset);
                file.readFully(bytes);
                offset = length;
            }
            partial.append(new String(bytes, StandardCharsets.US_ASCII));
            int from = 0;
            int newline;
            while ((newline = partial.indexOf("\n", from)) >= 0) {
                line(partial.substring(from, newline));
                from = newline + 1;
            }
            partial.delete(0, from);
        }

        private void line(String line) {
            String[] f = line.split(" ");
            try {
                if (f.length == 4 && f[0].equals("S")) {
                    int job = Integer.parseInt(f[1]);
                    open.computeIfAbsent(job, j -> new ArrayDeque<>()).push(new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])});
                    return;
                }
                if (f.length == 3 && f[0].equals("E")) {
                    int job = Integer.parseInt(f[1]);
                    Deque<long[]> starts = open.get(job);
                    if (starts != null && !starts.isEmpty()) {
                        long[] start = starts.pop();
                        if (starts.isEmpty()) {
                            open.remove(job);
                        }
                        done.add(new Run(worker, job, (int) start[0], start[1], Long.parseLong(f[2])));
                        finished.set(job);
                        return;
                    }
                }
                if (f.length == 3 && f[0].equals("F")) {
                    int job = Integer.parseInt(f[1]);
                    for (int i = done.size() - 1; i >= 0; i--) {
                        Run run = done.get(i);
                        if (run.job() == job && !run.acknowledged()) {
                            done.set(i, new Run(run.worker(), job, run.deliveries(), run.start(), run.end(), Long.parseLong(f[2])));
                            return;
                        }
                    }
                }
            } catch (NumberFormatException e) {
                // counted below
            }
            unreadable++;
        }
    }
}
