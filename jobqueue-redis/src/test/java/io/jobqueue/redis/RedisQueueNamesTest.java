package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.redis.internal.Keys;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.testkit.Services;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Queue names map one to one onto key sets, each in one Cluster slot: a name that would break the
 * hash tag is refused before anything is written, and two configured queues that would get the
 * same keys on the same server (a prefix plus a name that another queue spells out) are refused,
 * naming both. Key names are taken as they are: case and every other character count.
 */
class RedisQueueNamesTest {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void server() {
        Services.assumeReachable("Redis", "127.0.0.1", 6379);
        client = RedisClient.create("redis://127.0.0.1:6379/0");
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            connection.close();
            client.shutdown();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"}", "{", "a{b}", "{a}", "a}b", "x{}"})
    void aNameWithABrace_isRefused_beforeTheQueueWritesAnything(String brace) {
        String name = Services.uniqueName("brace") + brace;

        Throwable error = catchThrowable(() -> {
            try (Queue queue = create(name, Map.of())) {
                queue.submit("payload");
            }
        });

        assertThat(error).isInstanceOf(ConfigurationException.class).hasMessageContaining("'" + name + "'")
                .hasMessageContaining("hash tag");
        assertThat(keysContaining(name)).as("keys written for '%s'", name).isEmpty();
    }

    @Test
    void anEmptyName_isRefused() {
        assertThat(catchThrowable(() -> create("", Map.of()).close())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void everyKeyOfAQueue_liesInTheSlotOfItsName_andNoTwoNamesShareAKey() {
        List<String> names = List.of("mail", "Mail", "a:b", "a-b", "a", "b", "a:b:seq", "ready", "é-✓");
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            Keys keys = Keys.forQueue(name);
            List<String> all = new ArrayList<>(keys.names());
            all.add(keys.channel());
            for (String key : all) {
                assertThat(SlotHash.getSlot(key)).as("slot of %s", key).isEqualTo(SlotHash.getSlot(name));
                assertThat(seen.add(key)).as("%s is the key of one queue only", key).isTrue();
            }
        }
    }

    @Test
    void twoConfiguredQueues_thatWouldShareTheirKeys_areRefused_namingBoth() {
        String prefix = Services.uniqueName("p") + "-";
        QueueSettings prefixed = QueueSettings.builder().className("redis").queueNamePrefix(prefix).option("port", 6379).build();
        QueueSettings spelledOut = QueueSettings.builder().className("redis").option("port", 6379).build();
        JobQueueSettings settings = JobQueueSettings.builder().queue("b", prefixed).queue(prefix + "b", spelledOut).build();

        try (QueueManager queues = new QueueManager(settings)) {
            for (String queue : List.of("b", prefix + "b")) {
                assertThat(catchThrowable(() -> queues.getQueue(queue))).as("getQueue(%s)", queue)
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("'b'").hasMessageContaining("'" + prefix + "b'")
                        .hasMessageContaining("127.0.0.1:6379").hasMessageContaining("jobqueue:{" + prefix + "b}:");
            }
        }
    }

    @Test
    void theSameName_inAnotherDatabase_orWithAnotherCase_isAnotherQueue() {
        String prefix = Services.uniqueName("p") + "-";
        JobQueueSettings settings = JobQueueSettings.builder()
                .queue("b", QueueSettings.builder().className("redis").queueNamePrefix(prefix).option("database", 0).build())
                .queue(prefix + "b", QueueSettings.builder().className("redis").option("database", 1).build())
                .queue(prefix.toUpperCase() + "b", QueueSettings.builder().className("redis").build())
                .build();

        try (QueueManager queues = new QueueManager(settings)) {
            Queue zero = queues.getQueue("b");
            Queue one = queues.getQueue(prefix + "b");
            Queue upper = queues.getQueue(prefix.toUpperCase() + "b");
            zero.submit("database 0");
            assertThat(one.countReady()).isZero();
            assertThat(upper.countReady()).isZero();
            zero.flush();
        }
    }

    @Test
    void location_namesServerDatabaseAndKeys_withoutCredentials() {
        QueueContext context = QueueContext.of("p-mail", "mail",
                Map.of("uri", "redis://user:hunter2@Cache.Example:6380/3"), null);

        assertThat(new RedisQueueFactory().location(context))
                .contains("cache.example:6380 database 3 keys jobqueue:{p-mail}:*");
    }

    private static Queue create(String name, Map<String, Object> options) {
        return Queue.open(new RedisQueueFactory(), name, options);
    }

    /** Keys of database 0 that contain the text, found with SCAN. */
    private static List<String> keysContaining(String text) {
        List<String> found = new ArrayList<>();
        String pattern = "*" + text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
                .replace("[", "\\[").replace("*", "\\*").replace("?", "\\?") + "*";
        ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(pattern).limit(1000)).forEachRemaining(found::add);
        return found;
    }
}
