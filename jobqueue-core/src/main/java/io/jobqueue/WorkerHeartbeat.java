package io.jobqueue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a running {@link Worker} publishes about itself into the backends it works on, again every
 * heartbeat interval, and what {@link Queue#listHeartbeats(int)} lists while it lives: a beat that
 * is not renewed within its time to live disappears by itself, and a worker that stops gracefully
 * removes its beat at once.
 *
 * @param workerId    the worker's id, e.g. {@code build-7-41213-1a2b3c4d} (host, pid, a random part);
 *                    1 to {@value #MAX_ID_LENGTH} characters of {@code A-Z a-z 0-9 . _ - :}
 * @param host        the host the worker runs on
 * @param pid         its process id
 * @param queues      the configured names of the queues it watches (on every backend, in its order)
 * @param concurrency the jobs it runs at once, at most
 * @param runningJobs the jobs it ran at the time of the beat
 * @param processed   jobs it executed so far ({@link WorkerStats#executed()})
 * @param succeeded   jobs that succeeded so far
 * @param released    jobs released for another try so far
 * @param failed      jobs that failed for good so far
 * @param startedAt   when the worker started, on the worker's clock
 * @param lastSeen    when the backend received the beat, on the backend's clock (the database's or
 *                    the server's); the worker's own time in a beat not published yet
 */
public record WorkerHeartbeat(String workerId, String host, long pid, List<String> queues, int concurrency, int runningJobs,
        long processed, long succeeded, long released, long failed, Instant startedAt, Instant lastSeen) {

    /** Longest worker id. */
    public static final int MAX_ID_LENGTH = 200;
    /** Longest host name kept; a longer one is cut. */
    public static final int MAX_HOST_LENGTH = 255;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_ID_LENGTH + "}");

    public WorkerHeartbeat {
        if (!isValidId(workerId)) {
            throw new IllegalArgumentException("a worker id is 1 to " + MAX_ID_LENGTH
                    + " characters of A-Z a-z 0-9 . _ - :, was " + (workerId == null ? "null" : "'" + workerId + "'"));
        }
        Objects.requireNonNull(host, "host");
        host = host.length() > MAX_HOST_LENGTH ? host.substring(0, MAX_HOST_LENGTH) : host;
        queues = List.copyOf(queues);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (concurrency < 0 || runningJobs < 0 || processed < 0 || succeeded < 0 || released < 0 || failed < 0) {
            throw new IllegalArgumentException("the counts of worker " + workerId + " must not be negative");
        }
    }

    /** Whether the text may be a worker id (so a backend can put it in a key or a row as it is). */
    public static boolean isValidId(String workerId) {
        return workerId != null && ID.matcher(workerId).matches();
    }

    /** The same beat, as the backend received it at {@code time}. */
    public WorkerHeartbeat withLastSeen(Instant time) {
        return new WorkerHeartbeat(workerId, host, pid, queues, concurrency, runningJobs, processed, succeeded, released, failed,
                startedAt, time);
    }
}
