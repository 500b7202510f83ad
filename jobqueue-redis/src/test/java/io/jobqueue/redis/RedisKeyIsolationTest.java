package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.JobQueueSettings;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.SubmitOptions;
import io.jobqueue.redis.internal.Keys;
import io.jobqueue.testkit.Services;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queues of two names under two {@code queueNamePrefix}es, all in one Redis database, never see
 * each other's messages, and {@code flush} of one deletes exactly its own keys: not the other
 * queues', not an application's.
 */
class RedisKeyIsolationTest {

    private static PlainRedis server;
    private static RedisCommands<String, String> redis;

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

    @Test
    void twoQueuesUnderTwoPrefixes_stayApart_andFlushOfOneSparesTheOthersAndUnrelatedKeys() {
        String first = Services.uniqueName("p1") + "-";
        String second = Services.uniqueName("p2") + "-";
        String unrelated = "unrelated:" + Services.uniqueName("key");
        redis.set(unrelated, "application data");
        try (QueueManager one = managerWithPrefix(first); QueueManager two = managerWithPrefix(second)) {
            List<Queue> all = List.of(one.getQueue("mail"), one.getQueue("mail-2"), two.getQueue("mail"), two.getQueue("mail-2"));
            for (Queue queue : all) {
                queue.submitAll(List.of("for " + queue.name(), "delayed for " + queue.name()), SubmitOptions.DEFAULT);
                queue.submit("later for " + queue.name(), SubmitOptions.delayed(Duration.ofHours(1)));
                Message failed = queue.waitAndReserve(Duration.ZERO).orElseThrow();
                queue.abort(failed, "made to fail");
            }
            for (Queue queue : all) {
                assertThat(queue.peek(10)).as("peek of %s", queue.name()).extracting(Message::payload)
                        .containsExactly("delayed for " + queue.name());
                assertThat(queue.countFailed()).isEqualTo(1);
            }

            Queue flushed = all.get(0);
            flushed.flush();

            assertThat(keysOf(flushed)).as("keys left by the flushed queue").isEmpty();
            assertThat(flushed.countReady() + flushed.countFailed()).isZero();
            for (Queue queue : all.subList(1, all.size())) {
                assertThat(queue.countReady()).as("countReady of %s", queue.name()).isEqualTo(1);
                assertThat(queue.countFailed()).as("countFailed of %s", queue.name()).isEqualTo(1);
                assertThat(keysOf(queue)).as("keys of %s", queue.name()).isNotEmpty();
            }
            assertThat(redis.get(unrelated)).as("an unrelated key of the application").isEqualTo("application data");
            for (Queue queue : all) {
                queue.flush();
            }
        } finally {
            redis.del(unrelated);
        }
    }

    @Test
    void keyLayout_putsEveryKeyOfAQueueUnderOneHashTag() {
        Keys keys = Keys.forQueue("p-mail");

        assertThat(keys.names()).allSatisfy(key -> assertThat(key).startsWith("jobqueue:{p-mail}:"));
        assertThat(keys.names()).doesNotHaveDuplicates().hasSize(16);
    }

    private static QueueManager managerWithPrefix(String prefix) {
        QueueSettings settings = QueueSettings.builder().className("redis").queueNamePrefix(prefix)
                .option("port", 6379).build();
        return new QueueManager(JobQueueSettings.builder().queue("mail", settings).queue("mail-2", settings).build());
    }

    /** The keys in the database that belong to the queue, found by SCAN with its exact key prefix. */
    private static List<String> keysOf(Queue queue) {
        List<String> found = new ArrayList<>();
        String pattern = Keys.NAMESPACE + "{" + queue.name() + "}:*";
        ScanIterator.scan(redis, ScanArgs.Builder.matches(pattern).limit(1000)).forEachRemaining(found::add);
        return found;
    }
}
