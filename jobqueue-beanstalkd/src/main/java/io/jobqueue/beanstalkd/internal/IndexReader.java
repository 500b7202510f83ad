package io.jobqueue.beanstalkd.internal;

import io.jobqueue.beanstalkd.BeanstalkdException;
import io.jobqueue.spi.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads and empties a queue's index tube on a connection of its own that watches only that tube.
 * Beanstalkd can show only the first ready job of a tube, so a read reserves every record and then
 * releases each back unchanged: ready jobs of one priority come out by id, so the order (oldest
 * failure first) is the same before and after. Calls run one at a time.
 */
final class IndexReader implements AutoCloseable {

    private static final int CHUNK = 256;
    private static final int ATTEMPTS = 20;

    private final Endpoint endpoint;
    private final String indexTube;
    private BeanstalkClient client;
    private boolean closed;

    IndexReader(Endpoint endpoint, String indexTube) {
        this.endpoint = endpoint;
        this.indexTube = indexTube;
    }

    /** Every record, oldest first. */
    synchronized List<FailedRecord> read() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(200));
        for (int attempt = 1; ; attempt++) {
            BeanstalkClient c = connection();
            try {
                List<RawJob> jobs = reserveAll(c);
                boolean othersScanning = jobs.size() < reservedInTube(c);
                releaseAll(c, jobs);
                if (othersScanning && attempt < ATTEMPTS) {
                    backoff.pause(Long.MAX_VALUE); // another process holds some records for a moment
                    continue;
                }
                List<FailedRecord> records = new ArrayList<>(jobs.size());
                for (RawJob job : jobs) {
                    FailedRecord record = FailedRecord.decode(job.id(), job.body());
                    if (record != null) {
                        records.add(record);
                    }
                }
                records.sort(Comparator.comparingLong(FailedRecord::recordId));
                return records;
            } catch (BeanstalkdException e) {
                drop();
                throw e;
            }
        }
    }

    /** Deletes every record. */
    synchronized void deleteAll() {
        BeanstalkClient c = connection();
        try {
            List<RawJob> jobs = reserveAll(c);
            c.deleteAll(jobs.stream().mapToLong(RawJob::id).toArray());
        } catch (BeanstalkdException e) {
            drop();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }

    /** Reserves every ready record, in chunks sized by the tube's ready count. */
    private List<RawJob> reserveAll(BeanstalkClient c) {
        List<RawJob> all = new ArrayList<>();
        long ready = tubeCounter(c, "current-jobs-ready");
        while (ready > 0) {
            int want = (int) Math.min(CHUNK, ready);
            List<RawJob> chunk = c.reserveReady(want);
            all.addAll(chunk);
            ready = chunk.size() < want ? 0 : tubeCounter(c, "current-jobs-ready");
        }
        return all;
    }

    private long reservedInTube(BeanstalkClient c) {
        return tubeCounter(c, "current-jobs-reserved");
    }

    private long tubeCounter(BeanstalkClient c, String key) {
        Map<String, String> stats = c.statsTube(indexTube);
        return stats == null ? 0 : Long.parseLong(stats.getOrDefault(key, "0"));
    }

    private static void releaseAll(BeanstalkClient c, List<RawJob> jobs) {
        for (RawJob job : jobs) {
            c.queueCommand("release " + job.id() + " 0 0");
        }
        for (RawJob job : jobs) {
            c.expect(c.next(), "release " + job.id() + " 0 0", "RELEASED", "NOT_FOUND");
        }
    }

    private BeanstalkClient connection() {
        if (closed) {
            throw new IllegalStateException("beanstalkd queue '" + endpoint.queueName() + "' is closed");
        }
        if (client == null || !client.isUsable()) {
            drop();
            client = BeanstalkClient.open(endpoint);
            client.useAndWatchOnly(indexTube);
        }
        return client;
    }

    private void drop() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
