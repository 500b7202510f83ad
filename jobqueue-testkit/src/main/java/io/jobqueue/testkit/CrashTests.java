package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobqueue.Capability;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueManager;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker processes SIGKILLed while they run jobs and hold more reserved ahead: every message comes
 * back when its lease runs out, a worker's death is not counted as a failed attempt (so with
 * {@code maximumNumberOfReleases: 0} nothing is aborted), and the next worker runs every job.
 */
abstract class CrashTests extends ConformanceSupport {

    private static final int JOBS = 20;
    private static final int KILLS = 2;

    @TempDir
    Path folder;

    @Test
    void killedWorkers_loseNothing_andAbortNothingThatNeverRanOrWasKilled() throws Exception {
        requires(Capability.RESERVE, Capability.LEASES, Capability.CROSS_PROCESS);
        String name = baseName() + "-crash";
        Map<String, Object> settings = new HashMap<>(backendSettings(options("leaseTimeout", 2)));
        settings.put("maximumNumberOfReleases", 0);
        Path settingsFile = folder.resolve("settings.json");
        new ObjectMapper().writeValue(settingsFile.toFile(), Map.of("queues", Map.of(name, settings)));
        try (QueueManager queues = new QueueManager(JobQueueSettings.fromMap(Map.of("queues", Map.of(name, settings)), "crash test"))) {
            var queue = queues.getQueue(name);
            queue.setUp();
            queue.flush();
            JobManager jobs = new JobManager(queues);
            List<CrashJob> batch = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                batch.add(new CrashJob("job-" + i, folder));
            }
            jobs.queueAll(name, batch, SubmitOptions.DEFAULT);

            for (int kill = 1; kill <= KILLS; kill++) {
                Process worker = startWorker(settingsFile, name);
                try {
                    int startedBefore = lines("started").size();
                    awaitValue("a job of worker process " + kill + " to start", () -> lines("started").size(),
                            started -> started >= startedBefore + 2);
                    awaitValue("worker process " + kill + " to hold messages reserved ahead", () -> queue.counts().reserved(),
                            reserved -> reserved >= 4);
                } finally {
                    worker.destroyForcibly(); // SIGKILL: no shutdown hook, no give-back
                    assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("the killed worker process ended").isTrue();
                }
            }

            try (Worker worker = Worker.builder(jobs).queues(name).concurrency(4).pollTimeout(Duration.ofMillis(200)).build()) {
                Thread thread = new Thread(worker::run, "crash-test-worker");
                thread.start();
                awaitValue("every job to run to its end after the kills", () -> lines("ran").size(), ran -> ran >= JOBS);
                worker.stop();
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }

            List<String> ran = lines("ran").stream().map(line -> line.split(" ")[0]).toList();
            assertThat(ran).as("each job ran to its end exactly once").hasSize(JOBS).doesNotHaveDuplicates();
            assertThat(queue.counts()).as("counts after the last worker").satisfies(counts -> {
                assertThat(counts.failed()).as("messages aborted although no job of them failed").isZero();
                assertThat(counts.ready() + counts.reserved()).as("messages left").isZero();
            });
            queue.flush();
        }
    }

    private Process startWorker(Path settingsFile, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-D" + CrashJob.HANG_PROPERTY + "=true", "-cp", System.getProperty("java.class.path"),
                CrashWorker.class.getName(), settingsFile.toString(), name, "2", "6");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("worker.log").toFile()).start();
    }

    private List<String> lines(String file) throws IOException {
        Path path = folder.resolve(file);
        return Files.exists(path) ? Files.readAllLines(path, StandardCharsets.UTF_8) : List.of();
    }
}
