package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.spi.QueueContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A worker process killed with SIGKILL loses nothing: its reservation comes back after the lease. */
class LeaseRecoveryAcrossProcessesTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void messageReservedByAKilledProcess_comesBackWithOneMoreRelease(TestDatabases db) throws Exception {
        db.assumeAvailable();
        String name = TestDatabases.uniqueName("crash");
        Map<String, Object> options = db.options(folder);
        options.put("leaseTimeout", 1);
        try (JdbcQueue queue = new JdbcQueue(QueueContext.of(name, options))) {
            queue.setUp();
            String id = queue.submit("survives a crash");

            Process worker = startWorker(name, options, queue.options().tableName());
            try {
                assertThat(readReservedId(worker)).isEqualTo(id);
                assertThat(queue.countReserved()).isEqualTo(1);
            } finally {
                worker.destroyForcibly();
                assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            AtomicReference<Message> recovered = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Optional<Message> m = queue.waitAndReserve(Duration.ZERO);
                m.ifPresent(recovered::set);
                return m.isPresent();
            });
            assertThat(recovered.get().id()).isEqualTo(id);
            assertThat(recovered.get().numberOfReleases()).isEqualTo(1);
            assertThat(queue.finish(id)).isTrue();
            db.drop(folder, queue.options().tableName());
        }
    }

    private static Process startWorker(String name, Map<String, Object> options, String table) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReserveAndHold.class.getName(), name, (String) options.get("url"),
                (String) options.getOrDefault("username", "-"), table);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private static String readReservedId(Process worker) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                    if (l.startsWith("RESERVED ")) {
                        return l.substring("RESERVED ".length()).trim();
                    }
                }
                return "(worker exited without reserving)";
            } catch (Exception e) {
                return "(cannot read the worker's output: " + e + ")";
            }
        });
        return line.get(60, TimeUnit.SECONDS);
    }
}
