package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.testjobs.RecordingJob;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Misuse found as a user meets it: a null queue name, job, job list or options is one line naming
 * what was null (and the queue), never a bare NullPointerException, and submits nothing; two keys of
 * the same name in {@code jobqueue.yaml} stop start-up instead of the last one winning silently.
 */
class SubmitMisuseTest {

    private final String name = "misuse-" + UUID.randomUUID();
    private final QueueManager queues = new QueueManager(JobQueueSettings.builder().queue(name, "memory").build());
    private final JobManager jobs = new JobManager(queues);

    @AfterEach
    void close() {
        queues.close();
    }

    @Test
    void aNullQueueName_namesTheConfiguredQueues() {
        assertThatThrownBy(() -> jobs.queue(null, new RecordingJob("x", "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the queue name of a submit is null; give the configured name of a queue (" + name + ")");
    }

    @Test
    void aNullJob_orNullOptions_namesTheQueue() {
        assertThatThrownBy(() -> jobs.queue(name, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the job submitted to queue '" + name + "' is null");
        assertThatThrownBy(() -> jobs.queue(name, new RecordingJob("x", "x"), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the options of a submit to queue '" + name + "' are null");
        assertThat(queues.getQueue(name).counts().ready()).isZero();
    }

    @Test
    void aNullInABatch_submitsNothingOfIt() {
        assertThatThrownBy(() -> jobs.queueAll(name, Arrays.asList(new RecordingJob("a", "x"), null), SubmitOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job 1 of a submit to queue '" + name + "' is null; nothing of the batch was submitted");
        assertThatThrownBy(() -> jobs.queueAll(name, null, SubmitOptions.DEFAULT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the list of jobs submitted to queue '" + name + "' is null");
        assertThat(queues.getQueue(name).counts().ready()).isZero();
    }

    @Test
    void aDuplicateKeyInTheYaml_stopsStartUp_namingItAndTheLine() {
        String yaml = "queues:\n  mail:\n    className: memory\n    className: jdbc\n";

        assertThatThrownBy(() -> JobQueueSettings.fromYaml(yaml, "app.yaml")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("malformed YAML in app.yaml at line 4")
                .hasMessageContaining("Duplicate field 'className'");
    }
}
