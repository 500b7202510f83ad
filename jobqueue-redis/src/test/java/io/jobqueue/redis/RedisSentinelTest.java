package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.redis.internal.Keys;
import io.jobqueue.testkit.Services;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A queue addressed through a Sentinel ({@code uri: redis-sentinel://…#master}): the test starts a
 * master and one Sentinel of its own that monitors it, and the queue finds the master through it.
 */
class RedisSentinelTest {

    private static PrivateRedisServer master;
    private static Process sentinel;
    private static int sentinelPort;
    private static Path dir;

    @BeforeAll
    static void start() throws IOException {
        master = PrivateRedisServer.start();
        dir = Files.createTempDirectory("jobqueue-sentinel-test");
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            sentinelPort = socket.getLocalPort();
        }
        Path config = dir.resolve("sentinel.conf");
        Files.writeString(config, "port " + sentinelPort + "\nbind 127.0.0.1\ndir " + dir
                + "\nsentinel monitor jobs 127.0.0.1 " + master.port() + " 1\n");
        sentinel = new ProcessBuilder("redis-server", config.toString(), "--sentinel").redirectErrorStream(true)
                .redirectOutput(dir.resolve("sentinel.log").toFile()).start();
        await("the sentinel on port " + sentinelPort).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> reachable(sentinelPort));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sentinel != null) {
            sentinel.destroy();
            sentinel.waitFor(20, TimeUnit.SECONDS);
        }
        if (master != null) {
            master.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void queueThroughASentinel_findsTheMaster_reservesAndWakesWaiters() throws Exception {
        String name = Services.uniqueName("sentinel");
        try (Queue queue = Queue.open(new RedisQueueFactory(), name,
                Map.of("uri", "redis-sentinel://127.0.0.1:" + sentinelPort + "#jobs"))) {
            assertThat(queue.backend(RedisBackend.class).orElseThrow().toString())
                    .contains("Sentinel master 'jobs' via 127.0.0.1:" + sentinelPort);
            queue.submit("first");
            Message first = queue.waitAndReserve(Duration.ofSeconds(10)).orElseThrow();
            assertThat(first.payload()).isEqualTo("first");
            assertThat(queue.finish(first)).isTrue();

            CompletableFuture<Optional<Message>> waiting =
                    CompletableFuture.supplyAsync(() -> queue.waitAndReserve(Duration.ofSeconds(20)));
            await("the waiter's wake-up subscription on the master").atMost(Duration.ofSeconds(10))
                    .until(() -> subscribers(Keys.forQueue(name).channel()) > 0);
            queue.submit("late");
            assertThat(waiting.get(30, TimeUnit.SECONDS)).map(Message::payload).contains("late");
            queue.flush();
        }
    }

    private static long subscribers(String channel) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + master.port());
        try (var connection = client.connect()) {
            return connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
        } finally {
            client.shutdown();
        }
    }

    private static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
