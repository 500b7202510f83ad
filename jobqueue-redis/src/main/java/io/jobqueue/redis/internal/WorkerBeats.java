package io.jobqueue.redis.internal;

import io.jobqueue.BackendException;
import io.jobqueue.WorkerHeartbeat;
import io.jobqueue.spi.HeartbeatFields;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker heartbeats kept on one Redis server, shared by all its queues:
 *
 * <pre>
 * jobqueue:workers:{workers}        ZSET  worker id scored by when its beat expires (server clock, ms)
 * jobqueue:workers:{workers}:ID     HASH  the beat's fields (workerId, host, pid, queues as JSON, …,
 *                                         startedAt and lastSeen in ms); PEXPIRE of its ttl
 * </pre>
 *
 * A beat vanishes by itself when its PEXPIRE runs out; the index is pruned of expired and vanished ids
 * by every publish and list, and expires itself after its longest-living beat. Each call is one
 * script: it acts on a key only when the key holds what this code writes there (a beat hash whose
 * {@code workerId} field is the worker's), refusing to publish over anything else. Thread-safe.
 */
final class WorkerBeats {

    /** The start of every heartbeat key; a queue's keys start with {@code jobqueue:{}, so none is one of these. */
    static final String INDEX = Keys.NAMESPACE + "workers:{workers}";
    static final String BEAT_PREFIX = INDEX + ":";

    private final String queueName;
    private final RedisLink link;
    private final KeyOwnership ownership;

    WorkerBeats(String queueName, RedisLink link, KeyOwnership ownership) {
        this.queueName = queueName;
        this.link = link;
        this.ownership = ownership;
    }

    void publish(WorkerHeartbeat beat, Duration ttl) {
        String id = beat.workerId();
        List<String> args = new ArrayList<>(List.of(Long.toString(Millis.roundedUp(ttl)), id,
                "workerId", id, "host", beat.host(), "pid", Long.toString(beat.pid()),
                "queues", HeartbeatFields.queuesToText(beat.queues()), "concurrency", Integer.toString(beat.concurrency()),
                "runningJobs", Integer.toString(beat.runningJobs()), "processed", Long.toString(beat.processed()),
                "succeeded", Long.toString(beat.succeeded()), "released", Long.toString(beat.released()),
                "failed", Long.toString(beat.failed()), "startedAt", Long.toString(beat.startedAt().toEpochMilli())));
        List<Object> reply = link.runOn("publish a worker heartbeat", Script.HEARTBEAT_PUBLISH, ScriptOutputType.MULTI,
                new String[] {INDEX, BEAT_PREFIX + id}, args.toArray(String[]::new));
        ownership.refuseForeign("publishing a worker heartbeat", reply);
    }

    boolean remove(String workerId) {
        Long removed = link.runOn("remove a worker heartbeat", Script.HEARTBEAT_REMOVE, ScriptOutputType.INTEGER,
                new String[] {INDEX, BEAT_PREFIX + workerId}, workerId);
        return removed != null && removed == 1;
    }

    List<WorkerHeartbeat> list(int limit) {
        List<Object> reply = link.runOn("list worker heartbeats", Script.HEARTBEAT_LIST, ScriptOutputType.MULTI,
                new String[] {INDEX}, BEAT_PREFIX, Integer.toString(limit));
        if (!reply.isEmpty() && "foreign".equals(String.valueOf(reply.get(0)))) {
            ownership.refuseForeign("listing worker heartbeats", List.of(reply.get(1), reply.get(2), "zset"));
        }
        List<WorkerHeartbeat> beats = new ArrayList<>();
        for (Object entry : reply.subList(1, reply.size())) {
            beats.add(beat((List<?>) entry));
        }
        beats.sort(Comparator.comparing(WorkerHeartbeat::lastSeen).reversed());
        return beats;
    }

    private WorkerHeartbeat beat(List<?> pairs) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            fields.put(String.valueOf(pairs.get(i)), String.valueOf(pairs.get(i + 1)));
        }
        try {
            return new WorkerHeartbeat(fields.get("workerId"), fields.getOrDefault("host", ""), number(fields, "pid"),
                    HeartbeatFields.queuesFromText(fields.get("queues")), (int) number(fields, "concurrency"),
                    (int) number(fields, "runningJobs"), number(fields, "processed"), number(fields, "succeeded"),
                    number(fields, "released"), number(fields, "failed"),
                    Instant.ofEpochMilli(number(fields, "startedAt")), Instant.ofEpochMilli(number(fields, "lastSeen")));
        } catch (IllegalArgumentException e) {
            throw new BackendException(link.mask("the worker heartbeat " + BEAT_PREFIX + fields.get("workerId") + " at "
                    + link.address() + " cannot be read: " + e.getMessage()), null, e);
        }
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
