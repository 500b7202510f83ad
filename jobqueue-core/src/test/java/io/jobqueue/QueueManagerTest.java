package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.memory.InMemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueManagerTest {

    private static final String YAML = """
            presets:
              base:
                className: memory
                queueNamePrefix: staging-
                maximumNumberOfReleases: 5
                options: {defaultTimeout: 2, leaseTimeout: 1.5}
                releaseOptions: {delay: 10, priority: 3}
            queues:
              email:
                preset: base
                options: {leaseTimeout: 7}
                releaseOptions: {priority: 9}
              reports:
                preset: base
                queueNamePrefix: prod-
              plain:
                className: memory
            """;

    @Test
    void presetIsTheBaseAndQueueKeysWinKeyByKey() {
        QueueManager queues = new QueueManager(JobQueueSettings.fromYaml(YAML, "test.yaml"));

        QueueSettings email = queues.getQueueSettings("email");

        assertThat(email.className()).isEqualTo("memory");
        assertThat(email.maximumNumberOfReleasesOrDefault()).isEqualTo(5);
        assertThat(email.options()).isEqualTo(Map.of("defaultTimeout", 2, "leaseTimeout", 7));
        assertThat(email.releaseOptions()).isEqualTo(Map.of("delay", 10, "priority", 9));
        assertThat(queues.releaseOptions("email")).isEqualTo(new ReleaseOptions(Duration.ofSeconds(10), 9));
        assertThat(queues.getQueueSettings("plain").maximumNumberOfReleasesOrDefault())
                .isEqualTo(QueueSettings.DEFAULT_MAXIMUM_NUMBER_OF_RELEASES);
    }

    @Test
    void originalsMergeExample_presetOptionsUnderQueueOptions() {
        QueueSettings preset = QueueSettings.builder().option("option1", "p1").option("option2", "p2")
                .releaseOption("foo", "p").build();
        QueueSettings queue = QueueSettings.builder().preset("p").option("option2", "q2").option("option3", "q3")
                .releaseOption("bar", "q").build();

        QueueSettings merged = queue.mergedOver(preset);

        assertThat(merged.options()).containsExactly(
                Map.entry("option1", "p1"), Map.entry("option2", "q2"), Map.entry("option3", "q3"));
        assertThat(merged.releaseOptions()).containsEntry("foo", "p").containsEntry("bar", "q");
        assertThat(merged.preset()).isEqualTo("p");
    }

    @Test
    void buildsEachQueueOnceWithPrefixAndOptions() {
        try (QueueManager queues = new QueueManager(JobQueueSettings.fromYaml(YAML, "test.yaml"))) {
            Queue email = queues.getQueue("email");

            assertThat(email.backend(InMemoryBackend.class)).isPresent();
            assertThat(email).isSameAs(queues.getQueue("email"));
            assertThat(email.name()).isEqualTo("staging-email");
            assertThat(email.leaseTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(queues.getQueue("reports").name()).as("queue prefix overrides the preset's").isEqualTo("prod-reports");
            assertThat(queues.getQueue("plain").name()).isEqualTo("plain");
        }
    }

    @Test
    void theFullClassNameWorksAsClassName() {
        QueueManager queues = new QueueManager(JobQueueSettings.builder()
                .queue("q", InMemoryBackend.class.getName()).build());
        assertThat(queues.getQueue("q").backend(InMemoryBackend.class)).isPresent();
    }

    @Test
    void unknownNamesAreRefusedWithOneLineAndTheNearestName() {
        QueueManager queues = new QueueManager(JobQueueSettings.fromYaml("""
                presets: {base: {className: memory}}
                queues:
                  badPreset: {preset: bsae}
                  badBackend: {className: memroy}
                  badOption: {className: memory, options: {leaseTimout: 3}}
                  badValue: {className: memory, options: {leaseTimeout: soon}}
                  badRelease: {className: memory, releaseOptions: {dealy: 3}}
                  noClass: {}
                """, "test.yaml"));

        assertThatThrownBy(() -> queues.getQueue("emial")).hasMessageContaining("queue 'emial' is not configured");
        assertThatThrownBy(() -> queues.getQueue("badPreset"))
                .hasMessage("preset 'bsae' of queue 'badPreset' is not configured, did you mean 'base'?");
        assertThatThrownBy(() -> queues.getQueue("badBackend"))
                .hasMessageStartingWith("unknown backend 'memroy' for queue 'badBackend', did you mean 'memory'?");
        assertThatThrownBy(() -> queues.getQueue("badOption"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown option 'leaseTimout' for queue 'badOption', did you mean 'leaseTimeout'?");
        assertThatThrownBy(() -> queues.getQueue("badValue"))
                .hasMessageContaining("option 'leaseTimeout' must be a number of seconds, was 'soon'")
                .hasMessageContaining("queue 'badValue'");
        assertThatThrownBy(() -> queues.requireQueue("badRelease"))
                .hasMessageContaining("unknown release option 'dealy', did you mean 'delay'?")
                .hasMessageContaining("queue 'badRelease'");
        assertThatThrownBy(() -> queues.getQueue("noClass")).hasMessageStartingWith("queue 'noClass' has no className");
    }

    @Test
    void yamlErrorsNameTheFileLineAndKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jobqueue.yaml");
        Files.writeString(file, "queues:\n  email:\n    className: memory\n   bad: [\n");
        assertThatThrownBy(() -> QueueManager.fromYaml(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("malformed YAML in " + file + " at line ");

        Files.writeString(file, "queues:\n  email:\n    className: memory\n    maximumNumberOfReleasess: 2\n");
        assertThatThrownBy(() -> QueueManager.fromYaml(file)).hasMessage(
                "unknown key 'maximumNumberOfReleasess', did you mean 'maximumNumberOfReleases'? for queue 'email' in " + file);

        Files.writeString(file, "queue:\n  email: {className: memory}\n");
        assertThatThrownBy(() -> QueueManager.fromYaml(file))
                .hasMessage("unknown key 'queue' in " + file + ", did you mean 'queues'?");

        assertThatThrownBy(() -> QueueManager.fromYaml(dir.resolve("missing.yaml"))).hasMessageContaining("does not exist");
    }

    @Test
    void wrongTypesAreRefused() {
        assertThatThrownBy(() -> JobQueueSettings.fromYaml("queues: {q: {className: memory, executeIsolated: maybe}}", "t"))
                .hasMessage("option 'executeIsolated' must be true or false, was 'maybe' (String) for queue 'q' in t");
        assertThatThrownBy(() -> JobQueueSettings.fromYaml("queues: {q: {className: memory, maximumNumberOfReleases: -1}}", "t"))
                .hasMessageContaining("maximumNumberOfReleases must be >= 0");
    }
}
