package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.testkit.Services;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker process killed with SIGKILL while it holds a message loses nothing: the message comes
 * back, with one more release, once the dead process's lease runs out.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaseRecoveryAcrossProcessesTest {

    @BeforeAll
    static void server() {
        Services.assumeReachable("Redis", "127.0.0.1", 6379);
    }

    @Test
    void messageReservedByAKilledProcess_comesBackWithOneRelease() throws Exception {
        String name = Services.uniqueName("killed");
        try (Queue queue = new RedisQueueFactory().create(QueueContext.of(name, Map.of("port", 6379)))) {
            String id = queue.submit("survives a SIGKILL");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    ReserveAndHang.class.getName(), name, "6379")).redirectErrorStream(true).start();
            try {
                String line = firstLine(child);
                assertThat(line).as("what the child printed").isEqualTo("RESERVED " + id);
                assertThat(queue.countReserved()).isEqualTo(1);
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }

            Message back = await("the message of the killed process to come back").atMost(Duration.ofSeconds(30))
                    .until(() -> queue.waitAndReserve(Duration.ofSeconds(1)), Optional::isPresent).get();

            assertThat(back.id()).isEqualTo(id);
            assertThat(back.payload()).isEqualTo("survives a SIGKILL");
            assertThat(back.numberOfReleases()).as("the lease that ran out counts as a release").isEqualTo(1);
            assertThat(queue.finish(back.id())).isTrue();
            queue.flush();
        }
    }

    private static String firstLine(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("RESERVED ")) {
                return line;
            }
        }
        return "(the child ended without reserving; exit " + child.waitFor() + ")";
    }
}
