package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.redis.internal.Keys;
import io.jobqueue.testkit.Services;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis side of {@code concurrencyLimit} and {@code rateLimit}: a busy key's backlog at the head
 * of the queue does not hold up other keys; the reservations of a key are kept in the queue's
 * {@code held} hash only while they count, and the hash empties by itself; a finish in another
 * process wakes a reserver the limit held back; the rate window is one counter on the server clock;
 * a queue without limits writes none of these keys. Read behind the queue's back with a plain client.
 */
class RedisLimitsTest {

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
        if (!queues.isEmpty()) {
            queues.get(0).flush();
        }
        queues.forEach(Queue::close);
    }

    private Queue open(String name, Object... options) {
        Map<String, Object> all = new HashMap<>();
        all.put("port", 6379);
        for (int i = 0; i < options.length; i += 2) {
            all.put((String) options[i], options[i + 1]);
        }
        Queue queue = Queue.open(new RedisQueueFactory(), name, all);
        queues.add(queue);
        return queue;
    }

    private static SubmitOptions key(String key) {
        return SubmitOptions.DEFAULT.withConcurrencyKey(key);
    }

    @Test
    void aBusyKeysBacklogOf999_atTheHead_doesNotHoldUpAnotherKeyBehindIt() {
        Queue queue = open(Services.uniqueName("limit-backlog"), "concurrencyLimit", 1);
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            backlog.add("busy " + i);
        }
        queue.submitAll(backlog, key("busy"));
        queue.submit("other", key("other"));
        Message busy = queue.waitAndReserve(Duration.ZERO).orElseThrow();

        Optional<Message> next = queue.waitAndReserve(Duration.ZERO);

        assertThat(busy.payload()).isEqualTo("busy 0");
        assertThat(next).map(Message::payload).as("the next reserve, past 999 messages of the busy key").contains("other");
    }

    @Test
    void aKeysReservations_areKeptWhileTheyCount_andTheHeldHashEmptiesByItself() {
        String name = Services.uniqueName("limit-held");
        Keys keys = Keys.forQueue(name);
        Queue queue = open(name, "concurrencyLimit", 2);
        for (int i = 0; i < 50; i++) {
            queue.submitAll(List.of("m" + i + "a", "m" + i + "b"), key("tenant-" + i));
        }
        List<Message> running = queue.waitAndReserve(200, Duration.ZERO);
        assertThat(running).hasSize(100);
        Message one = running.get(0);
        String tenant = one.headers().get("jobqueue.concurrency-key");
        assertThat(redis.hget(keys.key("held"), tenant)).as("the members of the key's reservations")
                .contains(one.id() + ":" + one.token());
        assertThat(redis.hlen(keys.key("held"))).isEqualTo(50);

        assertThat(queue.finishAll(running)).hasSize(100);
        assertThat(queue.waitAndReserve(Duration.ZERO)).as("a reserve of the empty queue").isEmpty();

        assertThat(redis.exists(keys.key("held"))).as("the held hash after its reservations ended and one reserve swept it")
                .isZero();
    }

    @Test
    void aFinishThroughAnotherConnection_wakesAReserverTheLimitHeldBack_longBeforeAnyLeaseRunsOut() throws Exception {
        String name = Services.uniqueName("limit-wake");
        Queue first = open(name, "concurrencyLimit", 1, "leaseTimeout", 120);
        Queue second = open(name, "concurrencyLimit", 1, "leaseTimeout", 120);
        first.submitAll(List.of("a1", "a2"), key("one-at-a-time"));
        Message running = first.waitAndReserve(Duration.ZERO).orElseThrow();
        assertThat(second.waitAndReserve(Duration.ZERO)).as("while a1 runs").isEmpty();

        CompletableFuture<Optional<Message>> waiting =
                CompletableFuture.supplyAsync(() -> second.waitAndReserve(Duration.ofSeconds(60)));
        await("the waiter held back by the limit").during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
        assertThat(first.finish(running)).isTrue();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).map(Message::payload).as("what the waiter got after the finish")
                .contains("a2");
    }

    @Test
    void everyWayAReservationEnds_freesItsPlace_andClearsTheMarkThatWakesHeldBackReservers() {
        String name = Services.uniqueName("limit-ends");
        Keys keys = Keys.forQueue(name);
        Queue queue = open(name, "concurrencyLimit", 1, "retainFinished", "1h");
        queue.submitAll(List.of("e1", "e2", "e3", "e4", "e5"), key("one"));
        List<String> ends = List.of("finish", "abort", "cancel", "release");
        Message running = queue.waitAndReserve(Duration.ZERO).orElseThrow();

        for (String end : ends) {
            assertThat(queue.waitAndReserve(Duration.ZERO)).as("a reserve while %s runs", running.payload()).isEmpty();
            assertThat(redis.hget(keys.key("token"), "blocked")).as("the mark after a reserve was held back").isEqualTo("1");
            boolean ended = switch (end) {
                case "finish" -> queue.finish(running);
                case "abort" -> queue.abort(running, "made to fail");
                case "cancel" -> queue.cancel(running.id());
                default -> queue.release(running, ReleaseOptions.DEFAULT);
            };
            assertThat(ended).as(end).isTrue();
            assertThat(redis.hexists(keys.key("token"), "blocked")).as("the mark after a %s", end).isFalse();
            running = queue.waitAndReserve(Duration.ZERO).orElseThrow();
        }
        assertThat(running.payload()).as("the last reserved, after a release of e4").isIn("e4", "e5");
    }

    @Test
    void theRateWindow_isOneCounter_thatExpiresOnTheServerClock() {
        String name = Services.uniqueName("limit-rate");
        Keys keys = Keys.forQueue(name);
        Queue queue = open(name, "rateLimit", "5/10s");
        queue.submitAll(List.of("r1", "r2", "r3"), SubmitOptions.DEFAULT);

        assertThat(queue.waitAndReserve(10, Duration.ZERO)).hasSize(3);

        assertThat(redis.get(keys.key("rate"))).as("reservations in the window").isEqualTo("3");
        assertThat(redis.pttl(keys.key("rate"))).as("milliseconds left in the window").isBetween(1L, 10_000L);
    }

    @Test
    void aQueueWithoutLimits_writesNoneOfTheLimitsKeys() {
        String name = Services.uniqueName("limit-none");
        Keys keys = Keys.forQueue(name);
        Queue queue = open(name);
        queue.submitAll(List.of("k1", "k2", "k3"), key("tenant"));

        List<Message> all = queue.waitAndReserve(10, Duration.ZERO);

        assertThat(all).as("messages of one key, reserved at once without a limit").hasSize(3);
        assertThat(redis.exists(keys.key("held"), keys.key("rate"))).isZero();
        assertThat(redis.hkeys(keys.key("token"))).containsExactly("reservations");
    }
}
