package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Submitted;
import io.jobqueue.UniqueScope;
import io.jobqueue.redis.internal.Keys;
import io.jobqueue.testkit.Services;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unique keys in Redis: each is one field of the queue's {@code unique} hash, exactly as given, so
 * keys that differ in any character never meet; entries whose holder left its scope are swept by
 * later unique submits, bounded, and flush removes them all; a queued key whose holder's lease ran
 * out is held again without a reserve moving it. Read behind the queue's back with a plain client.
 */
class RedisUniqueKeysTest {

    private static PlainRedis server;
    private static RedisCommands<String, String> redis;

    private final List<Queue> queues = new ArrayList<>();

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
    void flushQueues() {
        for (Queue queue : queues) {
            queue.flush();
            queue.close();
        }
    }

    private Queue open(String name, Map<String, Object> options) {
        Map<String, Object> all = new HashMap<>(options);
        all.put("port", 6379);
        Queue queue = Queue.open(new RedisQueueFactory(), name, all);
        queues.add(queue);
        return queue;
    }

    @Test
    void eachKey_isOneFieldOfTheQueuesUniqueHash_exactlyAsGiven_andFlushRemovesThem() {
        String name = Services.uniqueName("unique-keys");
        Queue queue = open(name, Map.of());
        String unique = Keys.forQueue(name).key("unique");
        List<String> lookAlike = List.of("Ä:1", "A\u0308:1", "a:1", "A:1", "A:1 ", "{x}", "1:a");

        for (String key : lookAlike) {
            assertThat(queue.offer(key, SubmitOptions.DEFAULT.withUniqueKey(key)).duplicate()).as("first submit of '%s'", key)
                    .isFalse();
        }
        String period = queue.submit("p", SubmitOptions.DEFAULT.withUniqueKey("p", UniqueScope.forPeriod(Duration.ofHours(1))));

        assertThat(redis.hkeys(unique)).containsExactlyInAnyOrderElementsOf(concat(lookAlike, "p"));
        assertThat(redis.hget(unique, "p")).as("a period's entry: its expiry on the server clock, then the holder")
                .matches("p\\d{13}:" + period);
        assertThat(redis.hget(unique, "1:a")).as("an active key's entry").isEqualTo("a:" + queue.findUnique("1:a").orElseThrow());
        queue.flush();
        assertThat(redis.exists(unique)).isZero();
    }

    @Test
    void entriesWhoseHoldersFinished_areSweptByLaterUniqueSubmits() {
        String name = Services.uniqueName("unique-sweep");
        Queue queue = open(name, Map.of());
        String unique = Keys.forQueue(name).key("unique");
        for (int i = 0; i < 300; i++) {
            queue.offer("old " + i, SubmitOptions.DEFAULT.withUniqueKey("old-" + i));
        }
        List<Message> all = new ArrayList<>();
        while (all.size() < 300) {
            all.addAll(queue.waitAndReserve(300, Duration.ZERO));
        }
        assertThat(queue.finishAll(all)).hasSize(300);
        assertThat(redis.hlen(unique)).as("entries right after their holders finished").isEqualTo(300);

        for (int i = 0; i < 40; i++) {
            queue.offer("new " + i, SubmitOptions.DEFAULT.withUniqueKey("new-" + i));
        }

        assertThat(redis.hkeys(unique)).as("entries after 40 unique submits, each sweeping about 18 more (a full pass)")
                .containsExactlyInAnyOrderElementsOf(keys("new-", 40));
    }

    @Test
    void aQueuedKey_whoseHoldersLeaseRanOut_isHeldAgain_beforeAReserveMovesIt() {
        Queue queue = open(Services.uniqueName("unique-lapse"), Map.of("leaseTimeout", 1));
        SubmitOptions queued = SubmitOptions.DEFAULT.withUniqueKey("refresh", UniqueScope.QUEUED);
        String id = queue.submit("first", queued);
        Message held = queue.waitAndReserve(Duration.ZERO).orElseThrow();
        assertThat(queue.findUnique("refresh")).as("while the holder runs").isEmpty();

        await("the holder's lease runs out").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> queue.findUnique("refresh").isPresent());

        assertThat(queue.findUnique("refresh")).contains(id);
        assertThat(queue.offer("second", queued)).isEqualTo(Submitted.duplicateOf(id));
        assertThat(queue.finish(held)).as("the lapsed holder's finish").isFalse();
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    private static List<String> keys(String prefix, int count) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(prefix + i);
        }
        return all;
    }
}
