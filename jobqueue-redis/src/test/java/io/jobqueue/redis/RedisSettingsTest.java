package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.ConfigurationException;
import io.jobqueue.redis.internal.RedisSettings;
import io.jobqueue.spi.QueueContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options are checked at start, with errors that name the queue and the key; no server needed. */
class RedisSettingsTest {

    @Test
    void defaults_areLocalhostAndDatabaseZero() {
        RedisSettings settings = read(Map.of());

        assertThat(settings.address()).isEqualTo("127.0.0.1:6379");
        assertThat(settings.uri().getDatabase()).isZero();
    }

    @Test
    void unknownOption_isRefusedWithASuggestion() {
        assertThatThrownBy(() -> read(Map.of("hots", "redis.local")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown option 'hots' for queue 'mail'")
                .hasMessageContaining("did you mean 'host'?");
    }

    @Test
    void uriTogetherWithHost_isRefused() {
        assertThatThrownBy(() -> read(Map.of("uri", "redis://a:6379", "host", "b")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'uri'").hasMessageContaining("'host'");
    }

    @Test
    void badUri_isRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> read(Map.of("uri", "http://user:hunter2@x")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("option 'uri' of queue 'mail'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void badPortAndDatabase_areRefused() {
        assertThatThrownBy(() -> read(Map.of("port", 0))).hasMessageContaining("'port'");
        assertThatThrownBy(() -> read(Map.of("port", "six"))).hasMessageContaining("'port'");
        assertThatThrownBy(() -> read(Map.of("database", -1))).hasMessageContaining("'database'");
    }

    @Test
    void sentinelUri_isNamedByMasterAndSentinels_withoutThePassword() {
        RedisSettings settings = read(Map.of("uri", "redis-sentinel://:pw@s1:26379,s2:26380/2#mymaster"));

        assertThat(settings.address()).isEqualTo("Sentinel master 'mymaster' via s1:26379,s2:26380").doesNotContain("pw");
        assertThat(settings.uri().getDatabase()).isEqualTo(2);
    }

    @Test
    void cluster_takesANodeAddress_notSentinelsOrADatabase() {
        assertThat(read(Map.of("cluster", true, "port", 7000)).address()).isEqualTo("Redis Cluster via 127.0.0.1:7000");
        assertThatThrownBy(() -> read(Map.of("cluster", true, "database", 2)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'cluster'");
        assertThatThrownBy(() -> read(Map.of("cluster", "yes"))).hasMessageContaining("'cluster'");
    }

    @Test
    void theSharedTimeouts_areLeftToTheCore_andNotRefusedAsUnknown() {
        RedisSettings settings = read(Map.of("defaultTimeout", 0.2, "leaseTimeout", 2.5));

        assertThat(settings.address()).isEqualTo("127.0.0.1:6379");
    }

    private static RedisSettings read(Map<String, Object> options) {
        return RedisSettings.read(QueueContext.of("mail", options));
    }
}
