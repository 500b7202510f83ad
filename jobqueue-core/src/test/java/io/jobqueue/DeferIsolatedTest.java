package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deferred call run in a child JVM: the child has no registered targets and builds one itself. */
class DeferIsolatedTest {

    static final String Q = "isolated";

    private QueueManager queues;
    private JobManager jobs;

    @BeforeEach
    void setUp() {
        queues = new QueueManager(JobQueueSettings.builder()
                .queue(Q, QueueSettings.builder().className("memory").executeIsolated(true)
                        .queueNamePrefix("q-" + UUID.randomUUID() + "-").build())
                .build());
        jobs = new JobManager(queues);
    }

    @AfterEach
    void tearDown() {
        queues.close();
        InstanceResolver.setDefault(null);
    }

    record Line(String text, int number) {
    }

    /** Writes to a file, so the parent can see what the child did. */
    public static class FileWriterService {
        @Defer(queue = Q)
        public void append(String file, List<Line> lines) throws IOException {
            StringBuilder text = new StringBuilder();
            for (Line line : lines) {
                text.append(line.text()).append(' ').append(line.number()).append('\n');
            }
            Files.writeString(Path.of(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    @Test
    void deferredCall_runsInChildJvm_withTargetBuiltThere(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out.txt");
        FileWriterService service = Deferred.proxy(jobs, FileWriterService.class, new FileWriterService());

        service.append(file.toString(), List.of(new Line("first", 1), new Line("zweite ✓", 2)));
        assertThat(file).doesNotExist();
        assertThat(jobs.waitAndExecute(Q, Duration.ZERO)).isPresent();

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("first 1\nzweite ✓ 2\n");
    }
}
