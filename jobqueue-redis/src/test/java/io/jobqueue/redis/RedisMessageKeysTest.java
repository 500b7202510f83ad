package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.redis.internal.Keys;
import io.jobqueue.testkit.Services;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Redis backend keeps per message besides the payload — headers, delivery count, fencing
 * token — lives in the queue's own hashes, goes with the message, and a headers value that is not
 * readable never stalls its message. Read and written behind the queue's back with a plain client.
 */
class RedisMessageKeysTest {

    private static final List<String> PER_MESSAGE =
            List.of("payload", "priority", "releases", "reason", "lapses", "headers");

    private static PlainRedis server;
    private static RedisCommands<String, String> redis;

    private Queue queue;
    private Keys keys;

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

    @BeforeEach
    void createQueue() {
        String name = Services.uniqueName("message-keys");
        queue = Queue.open(new RedisQueueFactory(), name, Map.of("port", 6379));
        keys = Keys.forQueue(name);
    }

    @AfterEach
    void flushQueue() {
        queue.flush();
        queue.close();
    }

    @Test
    void headersLapsesAndToken_areKeptInTheQueuesHashes_andGoWithAFinishedMessage() {
        String id = queue.submit("payload", SubmitOptions.DEFAULT.withHeader("trace", "t-1").withPriority(7));
        assertThat(redis.hget(keys.key("headers"), id)).isEqualTo("{\"trace\":\"t-1\"}");

        Message message = queue.waitAndReserve(Duration.ZERO).orElseThrow();
        assertThat(redis.zscore(keys.key("reserved"), id + ":" + message.token())).as("the reservation's member: id and token")
                .isNotNull();
        assertThat(message.numberOfDeliveries()).isEqualTo(1);
        assertThat(redis.exists(keys.key("lapses"))).as("a reserve writes no count").isZero();

        assertThat(queue.release(message, ReleaseOptions.GIVE_BACK)).isTrue();
        assertThat(redis.hget(keys.key("lapses"), id)).as("a give-back is a lapse").isEqualTo("1");
        Message again = queue.waitAndReserve(Duration.ZERO).orElseThrow();
        assertThat(again.numberOfDeliveries()).isEqualTo(2);
        assertThat(again.numberOfReleases()).isZero();

        assertThat(queue.finish(again)).isTrue();
        assertThat(PER_MESSAGE).as("hashes that still hold the finished message")
                .noneMatch(suffix -> redis.hexists(keys.key(suffix), id));
    }

    @Test
    void deleteFailed_removesEverythingKeptForTheMessage() {
        String id = queue.submit("payload", SubmitOptions.DEFAULT.withHeader("trace", "t-2"));
        queue.abort(queue.waitAndReserve(Duration.ZERO).orElseThrow(), "made to fail");

        assertThat(queue.deleteFailed(id)).isTrue();

        assertThat(PER_MESSAGE).noneMatch(suffix -> redis.hexists(keys.key(suffix), id));
        assertThat(redis.zscore(keys.key("failed"), id)).isNull();
        assertThat(queue.deleteFailed(id)).as("a second delete").isFalse();
    }

    @Test
    void storedHeadersThatAreNotJson_areReadAsNone_andTheMessageIsStillDelivered() {
        String id = queue.submit("payload", SubmitOptions.DEFAULT.withHeader("trace", "t-3"));
        redis.hset(keys.key("headers"), id, "{not json");

        assertThat(queue.peek(1)).singleElement().satisfies(m -> assertThat(m.headers()).isEmpty());
        Message message = queue.waitAndReserve(Duration.ZERO).orElseThrow();

        assertThat(message.id()).isEqualTo(id);
        assertThat(message.payload()).isEqualTo("payload");
        assertThat(message.headers()).isEmpty();
        assertThat(queue.finish(message)).isTrue();
    }

    @Test
    void aRetriedMessage_getsATokenItNeverHadBefore_soAHolderFromBeforeTheAbortChangesNothing() {
        queue.submit("payload");
        Message first = queue.waitAndReserve(Duration.ZERO).orElseThrow();
        queue.abort(first, "made to fail");
        queue.retryFailed(first.id());

        Message again = queue.waitAndReserve(Duration.ZERO).orElseThrow();

        assertThat(again.numberOfDeliveries()).as("deliveries after a retry").isEqualTo(1);
        assertThat(again.token()).isNotEqualTo(first.token());
        assertThat(queue.finish(first)).as("finish under the token from before the abort").isFalse();
        assertThat(queue.finish(again)).isTrue();
    }
}
