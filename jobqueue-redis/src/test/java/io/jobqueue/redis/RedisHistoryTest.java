package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.MessageState;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.redis.internal.Keys;
import io.jobqueue.testkit.Services;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the conformance suite's history theme does not see of the Redis backend's
 * {@code retainFinished}: the kept messages live under the queue's own keys (the {@code finished}
 * set and the per-message hashes) and flush removes them; a queue without retention never writes
 * the set; and pruning removes at most 1,000 kept messages per script call, by finish and by
 * reserve alike, so a backlog shrinks over a few calls and none of them runs long. Read behind the
 * queue's back with a plain client.
 */
class RedisHistoryTest {

    private static final List<String> PER_MESSAGE = List.of("payload", "priority", "releases", "reason", "lapses", "headers");
    private static final int PRUNE_LIMIT = 1000;

    private static PlainRedis server;
    private static RedisCommands<String, String> redis;

    private final List<Queue> queues = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    @BeforeAll
    static void server() {
        server = PlainRedis.connect();
        redis = server.commands();
    }

    @AfterAll
    static void disconnect() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void cleanUp() {
        queues.forEach(Queue::close);
        for (String name : names) {
            List<String> keys = keysOf(name);
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
        }
    }

    @Test
    void keptMessages_liveUnderTheQueuesOwnKeys_andFlushRemovesThem() {
        String name = name();
        Keys keys = Keys.forQueue(name);
        Queue queue = create(name, Map.of("retainFinished", "1h"));
        String id = queue.submit("kept", SubmitOptions.DEFAULT.withHeader("trace", "h-1").withPriority(7));
        assertThat(queue.release(reserve(queue), ReleaseOptions.DEFAULT)).isTrue();
        assertThat(queue.finish(reserve(queue))).isTrue();

        assertThat(redis.zscore(keys.key("finished"), id)).as("the id in the queue's finished set").isNotNull();
        assertThat(redis.hget(keys.key("payload"), id)).isEqualTo("kept");
        assertThat(redis.hget(keys.key("releases"), id)).isEqualTo("1");
        assertThat(redis.hget(keys.key("headers"), id)).isEqualTo("{\"trace\":\"h-1\"}");
        assertThat(redis.hexists(keys.key("priority"), id)).as("a finished message keeps no priority").isFalse();
        assertThat(keysOf(name)).as("every key the queue wrote is one of its names").isSubsetOf(keys.names())
                .allSatisfy(key -> assertThat(key).startsWith("jobqueue:{" + name + "}:"));
        assertThat(queue.find(id).map(MessageInfo::state)).contains(MessageState.FINISHED);

        queue.flush();

        assertThat(keysOf(name)).as("keys after flush").isEmpty();
        assertThat(queue.find(id)).isEmpty();
    }

    @Test
    void aQueueWithoutRetention_writesNoHistory_andDeletesWhatItFinishes() {
        String name = name();
        Keys keys = Keys.forQueue(name);
        Queue queue = create(name, Map.of());
        String id = queue.submit("gone", SubmitOptions.DEFAULT.withHeader("trace", "h-2").withPriority(7));
        assertThat(queue.release(reserve(queue), ReleaseOptions.DEFAULT)).isTrue();
        queue.submitAll(Collections.nCopies(20, "more"), SubmitOptions.DEFAULT);
        List<Message> all = queue.waitAndReserve(50, Duration.ZERO);
        assertThat(all).hasSize(21);

        assertThat(queue.finishAll(all)).hasSize(21);

        assertThat(redis.exists(keys.key("finished"))).as("the finished set of a queue without retainFinished").isZero();
        assertThat(PER_MESSAGE).as("hashes that still hold the finished message").noneMatch(s -> redis.hexists(keys.key(s), id));
        assertThat(keysOf(name)).as("only the id and token counters are left")
                .containsExactlyInAnyOrder(keys.key("seq"), keys.key("token"));
    }

    @Test
    void aCount_isKeptAfterEveryBatchOfFinishes_andPrunedMessagesLeaveNothingBehind() {
        String name = name();
        Keys keys = Keys.forQueue(name);
        Queue queue = create(name, Map.of("retainFinished", Map.of("count", 10)));
        List<String> ids = queue.submitAll(Collections.nCopies(3000, "job"), SubmitOptions.DEFAULT.withHeader("k", "v"));

        for (int batch = 0; batch < 6; batch++) {
            List<Message> reserved = queue.waitAndReserve(500, Duration.ZERO);
            assertThat(reserved).as("batch %s", batch).hasSize(500);
            assertThat(queue.finishAll(reserved)).hasSize(500);
            assertThat(redis.zcard(keys.key("finished"))).as("kept after batch %s", batch).isEqualTo(10);
        }

        assertThat(redis.hlen(keys.key("payload"))).as("payloads left: the 10 kept").isEqualTo(10);
        assertThat(redis.hlen(keys.key("headers"))).isEqualTo(10);
        assertThat(redis.zrange(keys.key("finished"), 0, -1)).containsExactlyElementsOf(ids.subList(2990, 3000));
        assertThat(queue.find(ids.get(2999)).map(MessageInfo::state)).contains(MessageState.FINISHED);
        assertThat(queue.find(ids.get(2989))).isEmpty();
    }

    @Test
    void aBacklog_shrinksByAtMostOneThousandPerCall_throughReserveAndFinish() {
        String name = name();
        Keys keys = Keys.forQueue(name);
        Queue roomy = create(name, Map.of("retainFinished", Map.of("count", 5000)));
        roomy.submitAll(Collections.nCopies(3000, "job"), SubmitOptions.DEFAULT);
        List<Message> reserved = roomy.waitAndReserve(3000, Duration.ZERO);
        assertThat(roomy.finishAll(reserved)).hasSize(3000);
        assertThat(redis.zcard(keys.key("finished"))).as("kept by a count of 5000").isEqualTo(3000);

        // The same queue with a smaller count: each script call removes at most 1,000 kept messages.
        Queue small = create(name, Map.of("retainFinished", Map.of("count", 10)));
        assertThat(small.waitAndReserve(Duration.ZERO)).as("a poll of the empty queue").isEmpty();
        assertThat(redis.zcard(keys.key("finished"))).as("after one reserve call").isEqualTo(3000 - PRUNE_LIMIT);
        assertThat(redis.hlen(keys.key("payload"))).as("payloads go with their pruned ids").isEqualTo(3000 - PRUNE_LIMIT);

        String id = small.submit("last");
        Message last = reserve(small);
        assertThat(redis.zcard(keys.key("finished"))).as("after a second reserve call").isEqualTo(3000 - 2 * PRUNE_LIMIT);
        assertThat(small.finish(last)).isTrue();
        assertThat(redis.zcard(keys.key("finished"))).as("after the finish: 1,001 kept, 991 pruned").isEqualTo(10);
        assertThat(redis.hlen(keys.key("payload"))).isEqualTo(10);
        assertThat(small.find(id).map(MessageInfo::state)).contains(MessageState.FINISHED);
    }

    @Test
    void anAge_isPrunedByReserveAlone_soAnIdleHistoryShrinks() {
        String name = name();
        Keys keys = Keys.forQueue(name);
        Queue queue = create(name, Map.of("retainFinished", "200ms"));
        String id = queue.submit("aging");
        assertThat(queue.finish(reserve(queue))).isTrue();
        assertThat(redis.zcard(keys.key("finished"))).isEqualTo(1);

        Awaitility.await("the aged message pruned by a poll").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> queue.waitAndReserve(Duration.ZERO).isEmpty() && redis.exists(keys.key("finished")) == 0);

        assertThat(PER_MESSAGE).noneMatch(s -> redis.hexists(keys.key(s), id));
        assertThat(queue.find(id)).isEmpty();
    }

    private static Message reserve(Queue queue) {
        return queue.waitAndReserve(Duration.ZERO).orElseThrow(() -> new AssertionError("no ready message"));
    }

    private String name() {
        String name = Services.uniqueName("history");
        names.add(name);
        return name;
    }

    private Queue create(String name, Map<String, Object> options) {
        Map<String, Object> all = new HashMap<>(options);
        all.put("port", 6379);
        Queue queue = Queue.open(new RedisQueueFactory(), name, all);
        queues.add(queue);
        return queue;
    }

    /** Every key in the database under the queue's key prefix, found with SCAN (never by the queue). */
    private static List<String> keysOf(String name) {
        List<String> found = new ArrayList<>();
        ScanIterator.scan(redis, ScanArgs.Builder.matches(Keys.NAMESPACE + "{" + name + "}:*").limit(1000))
                .forEachRemaining(found::add);
        return found;
    }
}
