package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jobqueue.ConfigurationException;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.redis.internal.Keys;
import io.jobqueue.testkit.Services;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A queue touches only keys that hold what it writes there: a key of another type under one of its
 * names (an application's, or anything the queue did not write) stops the operation with one line
 * naming the queue, the key, its type and the expected type, and nothing is written, changed or
 * deleted — also when the key appears after the queue's first check, for flush. Keys of an earlier
 * version, which have the right types, keep working.
 */
class RedisKeyOwnershipTest {

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seq", "payload", "priority", "releases", "ready", "delayed", "reserved", "failed", "reason",
        "token", "lapses", "headers", "finished", "unique", "held", "rate"})
    void aKeyOfAnotherType_underAnyOfTheQueuesNames_stopsFlush_andIsLeftAsItWas(String suffix) {
        String name = name();
        String key = Keys.forQueue(name).key(suffix);
        String found = suffix.equals("seq") || suffix.equals("rate") ? "list" : "string";
        if (found.equals("list")) {
            redis.rpush(key, "application data");
        } else {
            redis.set(key, "application data");
        }
        String expected = switch (suffix) {
            case "seq", "rate" -> "string";
            case "ready", "delayed", "reserved", "failed", "finished" -> "zset";
            default -> "hash";
        };
        Queue queue = create(name);

        Throwable error = catchThrowable(queue::flush);

        assertThat(error).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'" + key + "'").hasMessageContaining("queue '" + name + "'")
                .hasMessageContaining("holds a " + found).hasMessageContaining("keeps a " + expected)
                .hasMessageContaining("127.0.0.1:6379");
        assertThat(error.getMessage()).as("one line").doesNotContain("\n");
        assertThat(redis.type(key)).isEqualTo(found);
        assertThat(found.equals("list") ? redis.lrange(key, 0, -1).get(0) : redis.get(key)).isEqualTo("application data");
    }

    @Test
    void aForeignKey_stopsEveryOperation_beforeTheQueueWritesAnything() {
        String name = name();
        String payloadKey = Keys.forQueue(name).key("payload");
        redis.set(payloadKey, "application data");
        Queue queue = create(name);
        Message someMessage = new Message("0000000000000001", "payload");
        Map<String, Consumer<Queue>> operations = new LinkedHashMap<>();
        operations.put("setUp", Queue::setUp);
        operations.put("submit", q -> q.submit("payload"));
        operations.put("waitAndReserve", q -> q.waitAndReserve(Duration.ZERO));
        operations.put("waitAndTake", q -> q.waitAndTake(Duration.ZERO));
        operations.put("peek", q -> q.peek(5));
        operations.put("countReady", Queue::countReady);
        operations.put("countFailed", Queue::countFailed);
        operations.put("listFailed", q -> q.listFailed(5));
        operations.put("counts", Queue::counts);
        operations.put("retryFailed", q -> q.retryFailed(someMessage.id()));
        operations.put("deleteFailed", q -> q.deleteFailed(someMessage.id()));
        operations.put("release", q -> q.release(someMessage, ReleaseOptions.DEFAULT));
        operations.put("abort", q -> q.abort(someMessage, "reason"));
        operations.put("finish", q -> q.finish(someMessage));
        operations.put("extendLease", q -> q.extendLease(someMessage));
        operations.put("flush", Queue::flush);

        operations.forEach((operation, call) -> assertThat(catchThrowable(() -> call.accept(queue)))
                .as(operation).isInstanceOf(ConfigurationException.class).hasMessageContaining("'" + payloadKey + "'"));

        assertThat(keysOf(name)).as("the queue's keys after every operation was refused").containsExactly(payloadKey);
        assertThat(redis.get(payloadKey)).isEqualTo("application data");
    }

    @Test
    void aForeignKeyThatAppearsAfterTheFirstCheck_stillStopsFlush_inTheSameStepAsTheDelete() {
        String name = name();
        Keys keys = Keys.forQueue(name);
        Queue queue = create(name);
        queue.setUp();
        queue.submit("one");
        queue.submit("two");
        redis.set(keys.key("failed"), "application data");

        Throwable error = catchThrowable(queue::flush);

        assertThat(error).isInstanceOf(ConfigurationException.class).hasMessageContaining("'" + keys.key("failed") + "'");
        assertThat(redis.hlen(keys.key("payload"))).as("messages after the refused flush").isEqualTo(2);
        assertThat(redis.zcard(keys.key("ready"))).isEqualTo(2);
        assertThat(redis.get(keys.key("failed"))).isEqualTo("application data");
    }

    @Test
    void aCounterKeyHoldingText_isNotTheQueues() {
        String name = name();
        String seq = Keys.forQueue(name).key("seq");
        redis.set(seq, "application data");
        Queue queue = create(name);

        assertThat(catchThrowable(queue::flush)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'" + seq + "'").hasMessageContaining("not a number");
        assertThat(redis.get(seq)).isEqualTo("application data");
    }

    @Test
    void aRateWindowKeyHoldingText_isNotTheQueues() {
        String name = name();
        String rate = Keys.forQueue(name).key("rate");
        redis.set(rate, "application data");
        Queue queue = create(name);

        assertThat(catchThrowable(queue::flush)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'" + rate + "'").hasMessageContaining("not a number");
        assertThat(redis.get(rate)).isEqualTo("application data");
    }

    @Test
    void keysOfAnEarlierVersion_withTheRightTypes_keepWorking() {
        String name = name();
        Keys keys = Keys.forQueue(name);
        String id = "0001700000000000";
        redis.set(keys.key("seq"), "1700000000000000");
        redis.hset(keys.key("payload"), id, "written by an earlier version");
        redis.zadd(keys.key("ready"), 1024, id);
        Queue queue = create(name);

        queue.setUp();
        Message message = queue.waitAndReserve(Duration.ZERO).orElseThrow();

        assertThat(message.id()).isEqualTo(id);
        assertThat(message.payload()).isEqualTo("written by an earlier version");
        assertThat(message.numberOfDeliveries()).isEqualTo(1);
        assertThat(queue.finish(message)).isTrue();
        queue.flush();
        assertThat(keysOf(name)).isEmpty();
    }

    private String name() {
        String name = Services.uniqueName("owner");
        names.add(name);
        return name;
    }

    private Queue create(String name) {
        Queue queue = Queue.open(new RedisQueueFactory(), name, Map.of("port", 6379));
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
