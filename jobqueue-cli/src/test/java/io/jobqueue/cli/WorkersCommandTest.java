package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobqueue.JobManager;
import io.jobqueue.QueueManager;
import io.jobqueue.Worker;
import io.jobqueue.WorkerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workers} lists the live workers of the configured queues' backends, once each, and not after
 * they stopped; a backend that cannot list workers says so in one line.
 */
class WorkersCommandTest {

    private static final Duration FAST = Duration.ofMillis(100);

    @TempDir
    Path cwd;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private QueueManager queues;

    @AfterEach
    void close() {
        if (queues != null) {
            queues.close();
        }
    }

    private void settings(String queuesYaml) throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n" + queuesYaml);
        queues = QueueManager.fromYaml(cwd.resolve("jobqueue.yaml"));
    }

    /** Runs a worker on the queues in a background thread until the check returns, then stops it. */
    private Worker runWorkerWhile(List<String> names, java.util.function.Consumer<Worker> check) throws Exception {
        names.forEach(name -> queues.getQueue(name).setUp());
        Worker worker = Worker.builder(new JobManager(queues)).queues(names).concurrency(2).pollTimeout(FAST)
                .heartbeatInterval(FAST).build();
        CompletableFuture<WorkerStats> run = CompletableFuture.supplyAsync(worker::run);
        try {
            check.accept(worker);
        } finally {
            worker.stop();
            run.get(15, TimeUnit.SECONDS);
        }
        return worker;
    }

    private static List<String> ids(Cli.Result result) {
        List<String> ids = new ArrayList<>();
        try {
            for (JsonNode row : Json.mapper().readTree(result.out())) {
                ids.add(row.get("id").asText());
            }
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + result, e);
        }
        return ids;
    }

    @Test
    void aWorkerOnSqliteAndRedis_isListedOnce_andNotAfterItStopped() throws Exception {
        Services.require("Redis", Services.REDIS);
        settings("  lite: {className: jdbc, options: {url: \"jdbc:sqlite:" + cwd.resolve("q.db") + "\"}}\n"
                + "  rd: {className: redis, options: {uri: \"redis://127.0.0.1:6379\"}, queueNamePrefix: cli-workers-" + id + "-}\n");

        Worker worker = runWorkerWhile(List.of("lite", "rd"), w -> {
            await().atMost(15, TimeUnit.SECONDS).until(() -> ids(Cli.run(cwd, "workers", "--json")), l -> l.contains(w.id()));

            Cli.Result json = Cli.run(cwd, "workers", "--json");
            assertThat(json.exitCode()).as(json.toString()).isZero();
            assertThat(ids(json)).as("the worker's rows (a beat in SQLite and one in Redis)").containsOnlyOnce(w.id());
            assertThat(json.out()).contains("\"queues\" : [ \"lite\", \"rd\" ]", "\"concurrency\" : 2",
                    "\"pid\" : " + ProcessHandle.current().pid());

            Cli.Result table = Cli.run(cwd, "workers");
            assertThat(table.exitCode()).as(table.toString()).isZero();
            assertThat(table.out()).startsWith("WORKER").contains("LAST SEEN").contains(w.id()).contains("lite,rd").contains("0/2")
                    .contains(" " + ProcessHandle.current().pid() + " ");
        });

        assertThat(ids(Cli.run(cwd, "workers", "--json"))).as("workers after the stop").doesNotContain(worker.id());
    }

    @Test
    void aBackendWithoutHeartbeats_saysItCannotListWorkers() throws Exception {
        settings("  inline: {className: fake}\n  lite: {className: jdbc, options: {url: \"jdbc:sqlite:" + cwd.resolve("w.db")
                + "\"}}\n");

        runWorkerWhile(List.of("lite"), w -> {
            await().atMost(15, TimeUnit.SECONDS).until(() -> Cli.run(cwd, "workers").out(), out -> out.contains(w.id()));

            Cli.Result result = Cli.run(cwd, "workers");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).startsWith("workers of fake queues cannot be listed\nWORKER");
        });
    }

    @Test
    void noLiveWorkers_saysSo_andASqliteFileThatDoesNotExistIsNotCreated() throws Exception {
        settings("  lite: {className: jdbc, options: {url: \"jdbc:sqlite:" + cwd.resolve("none.db") + "\"}}\n");

        Cli.Result result = Cli.run(cwd, "workers");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("No live workers.\n");
        assertThat(cwd.resolve("none.db")).doesNotExist();
        assertThat(Cli.run(cwd, "workers", "--json").out().strip()).isEqualTo("[ ]");
    }
}
