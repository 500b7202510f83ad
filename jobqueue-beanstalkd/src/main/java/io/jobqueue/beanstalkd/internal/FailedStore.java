package io.jobqueue.beanstalkd.internal;

import io.jobqueue.FailedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Failed messages are the tube's buried jobs: abort buries the job where it is (its id stays),
 * the failed count is the tube's {@code current-jobs-buried}. A buried job cannot carry a reason
 * and beanstalkd can show only the first buried job, so each abort also puts a small record into
 * the index tube {@code <tube>.jq-failed}, which no worker watches: the job id, the message id,
 * the job's bury count, the time and the reason ({@link FailedRecord}).
 *
 * <p>{@link #list} reads the records (reserving them all on a connection that watches only the
 * index tube, then releasing them back unchanged, so their order, oldest failure first, stays),
 * keeps those whose job is still buried with the same bury count, and drops the others (the job
 * was kicked or deleted by other means). {@link #retry} puts the payload again as a new job that
 * keeps the message id (beanstalkd cannot reset the reserve counter, from which the release count
 * comes, so a kick would keep the old count) and deletes the buried job and its record.
 *
 * <p>Thread-safe: index scans of one queue instance run one at a time. Two processes scanning at
 * the very same moment see each other's reserved records as missing; a scan notices that and
 * tries again a few times.
 */
public final class FailedStore implements AutoCloseable {

    /** Appended to a queue's tube name to name its index tube. */
    public static final String INDEX_SUFFIX = ".jq-failed";

    private final String tube;
    private final String indexTube;
    private final ConnectionPool pool;
    private final int maxRecordSize;
    private final IndexReader index;

    public FailedStore(String tube, ConnectionPool pool, int maxRecordSize) {
        this.tube = tube;
        this.indexTube = tube + INDEX_SUFFIX;
        this.pool = pool;
        this.maxRecordSize = maxRecordSize;
        this.index = new IndexReader(pool.endpoint(), indexTube);
    }

    /**
     * Buries a job reserved on {@code client} and records why, pipelined in one round trip; when
     * the bury finds no job (the lease ran out) the record is deleted again. Call with the
     * holder's lock held. Returns whether the job was buried.
     */
    boolean bury(BeanstalkClient client, long jobId, long priority, String messageId, long buriesAfter, String reason) {
        byte[] record = FailedRecord.encode(jobId, messageId, buriesAfter, Instant.now(), reason, maxRecordSize);
        String bury = "bury " + jobId + " " + priority;
        client.queueCommand(bury);
        client.queueUse(indexTube);
        client.queueCommand("put 0 0 " + FailedRecord.TTR_SECONDS + " " + record.length, record);
        client.queueUse(tube);
        Reply buried = client.next();
        Reply usingIndex = client.next();
        Reply inserted = client.next();
        Reply usingTube = client.next();
        client.expect(usingIndex, "use " + indexTube, "USING");
        client.expect(usingTube, "use " + tube, "USING");
        boolean ok = !buried.is("NOT_FOUND") && client.expect(buried, bury, "BURIED") != null;
        if (!ok && (inserted.is("INSERTED") || inserted.is("BURIED"))) {
            client.delete(inserted.number());
        } else if (ok && inserted.is("JOB_TOO_BIG")) {
            // the server's -z is below the maxJobSize option: keep at least the start of the reason
            byte[] shorter = FailedRecord.encode(jobId, messageId, buriesAfter, Instant.now(), reason, 300);
            client.use(indexTube);
            client.put(0, 0, FailedRecord.TTR_SECONDS, shorter);
            client.use(tube);
        }
        return ok;
    }

    /** Up to {@code limit} failed messages, oldest failure first. */
    public List<FailedMessage> list(int limit) {
        BeanstalkClient client = pool.borrow();
        try {
            List<Valid> valid = validRecords(client, index.read(), Integer.MAX_VALUE);
            List<FailedMessage> failed = new ArrayList<>(Math.min(limit, valid.size() + 1));
            addUnindexedHead(client, valid, failed);
            for (Valid v : valid) {
                if (failed.size() >= limit) {
                    break;
                }
                RawJob job = client.peek(v.record.jobId());
                if (job != null) {
                    failed.add(new FailedMessage(Bodies.message(job, v.stats, ""), v.record.reason(), v.record.failedAt()));
                }
            }
            pool.giveBack(client);
            return failed.size() > limit ? failed.subList(0, limit) : failed;
        } catch (RuntimeException e) {
            pool.giveBack(client);
            throw e;
        }
    }

    /** Makes a failed message ready again with no releases and no deliveries; false when no failed message has that id. */
    public boolean retry(String messageId) {
        BeanstalkClient client = pool.borrow();
        try {
            Long jobId = findBuried(client, messageId);
            RawJob job = jobId == null ? null : client.reserveJob(jobId); // claims it: a second retry finds nothing
            if (job == null) {
                pool.giveBack(client);
                return false;
            }
            JobStats stats = client.statsJob(jobId);
            Bodies.Decoded decoded = Bodies.decode(job.body());
            byte[] body = Bodies.encode(messageId, decoded.headers(), decoded.payload());
            long ttr = stats != null && stats.ttr() > 0 ? stats.ttr() : 60;
            client.use(tube);
            client.put(stats == null ? 1024 : stats.priority(), 0, ttr, body);
            client.delete(jobId);
            pool.giveBack(client);
            return true;
        } catch (RuntimeException e) {
            pool.closeAfterFailure(client); // it may hold the claimed job, which goes back to ready
            throw e;
        }
    }

    /** Deletes a failed message for good; false when no failed message has that id. */
    public boolean delete(String messageId) {
        BeanstalkClient client = pool.borrow();
        try {
            Long jobId = findBuried(client, messageId);
            boolean deleted = jobId != null && client.delete(jobId);
            pool.giveBack(client);
            return deleted;
        } catch (RuntimeException e) {
            pool.giveBack(client);
            throw e;
        }
    }

    /**
     * The failed message with this message id, with the reason and time of its record; a buried job of
     * this tube with that id but no record (buried by another tool, or a crash mid-abort) has no
     * reason. Empty when there is none. Reads the whole index, as {@link #list} does.
     */
    public Optional<FailedMessage> find(String messageId) {
        BeanstalkClient client = pool.borrow();
        try {
            FailedMessage found = null;
            for (Valid v : validRecords(client, index.read(), Integer.MAX_VALUE)) {
                if (v.record.messageId().equals(messageId)) {
                    RawJob job = client.peek(v.record.jobId());
                    if (job != null) {
                        found = new FailedMessage(Bodies.message(job, v.stats, ""), v.record.reason(), v.record.failedAt());
                    }
                    break;
                }
            }
            pool.giveBack(client);
            return Optional.ofNullable(found);
        } catch (RuntimeException e) {
            pool.giveBack(client);
            throw e;
        }
    }

    /** Deletes every record of the index tube (the buried jobs themselves are deleted by the queue's flush). */
    public void flushIndex() {
        index.deleteAll();
    }

    @Override
    public void close() {
        index.close();
    }

    /** The job id of the buried job of this tube that holds {@code messageId}, or null. */
    private Long findBuried(BeanstalkClient client, String messageId) {
        long direct = parseId(messageId);
        if (direct > 0) {
            JobStats stats = client.statsJob(direct);
            if (stats != null && stats.isBuried() && stats.tube().equals(tube)) {
                RawJob job = client.peek(direct);
                if (job != null && Bodies.message(job, stats, "").id().equals(messageId)) {
                    return direct;
                }
            }
        }
        for (Valid v : validRecords(client, index.read(), Integer.MAX_VALUE)) {
            if (v.record.messageId().equals(messageId)) {
                return v.record.jobId();
            }
        }
        return null;
    }

    /** Records whose job is still buried in this tube with the same bury count; deletes the rest. */
    private List<Valid> validRecords(BeanstalkClient client, List<FailedRecord> records, int max) {
        List<Long> jobIds = new ArrayList<>(records.size());
        records.forEach(r -> jobIds.add(r.jobId()));
        List<JobStats> stats = client.statsJobs(jobIds);
        List<Valid> valid = new ArrayList<>();
        List<Long> stale = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            FailedRecord record = records.get(i);
            JobStats s = stats.get(i);
            if (s != null && s.isBuried() && s.tube().equals(tube) && s.buries() == record.buries() && seen.add(record.jobId())) {
                if (valid.size() < max) {
                    valid.add(new Valid(record, s));
                }
            } else {
                stale.add(record.recordId());
            }
        }
        if (!stale.isEmpty()) {
            client.deleteAll(stale.stream().mapToLong(Long::longValue).toArray());
        }
        return valid;
    }

    /** A job buried without a record (by another tool, or a crash mid-abort) is shown when it is first in line. */
    private void addUnindexedHead(BeanstalkClient client, List<Valid> valid, List<FailedMessage> failed) {
        Map<String, String> tubeStats = client.statsTube(tube);
        long buried = tubeStats == null ? 0 : Long.parseLong(tubeStats.getOrDefault("current-jobs-buried", "0"));
        if (buried <= valid.size()) {
            return;
        }
        client.use(tube);
        RawJob head = client.peekFirst("buried");
        if (head == null || valid.stream().anyMatch(v -> v.record.jobId() == head.id())) {
            return;
        }
        failed.add(new FailedMessage(Bodies.message(head, client.statsJob(head.id()), ""), "", null));
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private record Valid(FailedRecord record, JobStats stats) {
    }
}
