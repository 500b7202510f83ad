package io.jobqueue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.QueueSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Anchors, aliases, merge keys and {@code ${NAME}} placeholders in {@code jobqueue.yaml}. */
class BadInputSettingsTest {

    private static final String SOURCE = "test.yaml";

    @Test
    void aliasOfAWholeQueue_givesTheAnchoredSettings() {
        JobQueueSettings settings = JobQueueSettings.fromYaml("""
                presets:
                  base: &base {className: memory, maximumNumberOfReleases: 5}
                queues:
                  email: *base
                """, SOURCE);

        assertThat(settings.queues().get("email").className()).isEqualTo("memory");
        assertThat(settings.queues().get("email").maximumNumberOfReleases()).isEqualTo(5);
    }

    @Test
    void mergeKey_copiesTheAnchoredKeys_andOwnKeysWin() {
        JobQueueSettings settings = JobQueueSettings.fromYaml("""
                presets:
                  common: &common
                    className: memory
                    maximumNumberOfReleases: 5
                    options: &opts {pollInterval: 2}
                queues:
                  email:
                    <<: *common
                    maximumNumberOfReleases: 9
                  sms: {<<: *common, options: {<<: *opts, tableName: sms}}
                """, SOURCE);

        QueueSettings email = settings.queues().get("email");
        assertThat(email.className()).isEqualTo("memory");
        assertThat(email.maximumNumberOfReleases()).isEqualTo(9);
        assertThat(settings.queues().get("sms").options()).containsEntry("pollInterval", 2).containsEntry("tableName", "sms");
    }

    @Test
    void mergeOfAList_firstMapWins() {
        JobQueueSettings settings = JobQueueSettings.fromYaml("""
                presets:
                  a: &a {className: memory, maximumNumberOfReleases: 1}
                  b: &b {className: fake, maximumNumberOfDeliveries: 7}
                queues:
                  q: {<<: [*a, *b]}
                """, SOURCE);

        QueueSettings q = settings.queues().get("q");
        assertThat(q.className()).isEqualTo("memory");
        assertThat(q.maximumNumberOfReleases()).isEqualTo(1);
        assertThat(q.maximumNumberOfDeliveries()).isEqualTo(7);
    }

    @Test
    void unknownAlias_isOneLineNamingItAndWhere() {
        assertThatThrownBy(() -> JobQueueSettings.fromYaml("queues:\n  email: *nowhere\n", SOURCE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("malformed YAML in test.yaml at line 2")
                .hasMessageContaining("'*nowhere'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void mergeOfAList_ofScalars_isRefused() {
        assertThatThrownBy(() -> JobQueueSettings.fromYaml("""
                presets:
                  s: {className: memory, options: {hosts: &s [a, b]}}
                queues:
                  q: {<<: *s}
                """, SOURCE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("merge key '<<' must name a map");
    }

    @Test
    void duplicateKeys_areStillRefused() {
        assertThatThrownBy(() -> JobQueueSettings.fromYaml("queues:\n  q: {className: memory, className: fake}\n", SOURCE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("className");
    }

    @Test
    void placeholder_isExpandedFromTheEnvironment() {
        JobQueueSettings settings = SettingsParser.parseText("""
                queues:
                  r: {className: redis, queueNamePrefix: "${PREFIX}-", options: {password: "${REDIS_PASSWORD}", port: 6379}}
                """, SOURCE, Map.of("REDIS_PASSWORD", "s3cret", "PREFIX", "staging")::get);

        assertThat(settings.queues().get("r").options()).containsEntry("password", "s3cret").containsEntry("port", 6379);
        assertThat(settings.queues().get("r").queueNamePrefix()).isEqualTo("staging-");
    }

    @Test
    void placeholderDefault_isUsedWhenUnsetOrEmpty_andDoubleDollarIsLiteral() {
        JobQueueSettings settings = SettingsParser.parseText("""
                queues:
                  a: {className: memory, options: {host: "${HOST:-127.0.0.1}", user: "${EMPTY:-app}", raw: "$${HOST}"}}
                """, SOURCE, Map.of("EMPTY", "")::get);

        assertThat(settings.queues().get("a").options())
                .containsEntry("host", "127.0.0.1").containsEntry("user", "app").containsEntry("raw", "${HOST}");
    }

    @Test
    void unsetVariable_stopsWithOneLineNamingKeyAndVariable_neverAValue() {
        assertThatThrownBy(() -> SettingsParser.parseText("""
                queues:
                  r: {className: redis, options: {password: "${REDIS_PASSWORD}"}}
                """, SOURCE, Map.of("OTHER", "s3cret")::get))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("environment variable 'REDIS_PASSWORD' is not set")
                .hasMessageContaining("key 'queues.r.options.password' in test.yaml")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("s3cret"));
    }

    @Test
    void malformedPlaceholder_isRefusedNamingTheKey() {
        assertThatThrownBy(() -> SettingsParser.parseText("queues:\n  r: {className: memory, options: {url: \"${no-dash}\"}}\n",
                SOURCE, Map.<String, String>of()::get))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("key 'queues.r.options.url' in test.yaml has a malformed placeholder");
    }
}
