package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A backend of this project whose module is not on the class path is named with the artifact to add. */
class MissingBackendTest {

    private static QueueManager queues(String className) {
        return new QueueManager(JobQueueSettings.fromYaml("queues:\n  mail: {className: '" + className + "'}\n", "test.yaml"));
    }

    @Test
    void aProjectBackendByAlias_namesItsArtifact() {
        assertThatThrownBy(() -> queues("jdbc").getQueue("mail"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("backend 'jdbc' of queue 'mail' is in the artifact io.jobqueue:jobqueue-jdbc,"
                        + " which is not on the class path")
                .hasMessageContaining("<artifactId>jobqueue-jdbc</artifactId>");
        assertThatThrownBy(() -> queues("redis").getQueue("mail")).hasMessageContaining("io.jobqueue:jobqueue-redis");
        assertThatThrownBy(() -> queues("beanstalkd").getQueue("mail")).hasMessageContaining("io.jobqueue:jobqueue-beanstalkd");
    }

    @Test
    void aProjectBackendByClassName_namesItsArtifact() {
        assertThatThrownBy(() -> queues("io.jobqueue.redis.RedisBackend").getQueue("mail"))
                .hasMessageContaining("io.jobqueue:jobqueue-redis");
    }

    @Test
    void aTypo_ofABackendThatIsNotOnTheClassPath_isSuggested() {
        assertThatThrownBy(() -> queues("jdcb").getQueue("mail"))
                .hasMessageStartingWith("unknown backend 'jdcb' for queue 'mail', did you mean 'jdbc'?");
    }
}
