package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.ConfigurationException;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcQueueOptionsTest {

    @Test
    void noOptions_meansTheEmbeddedSqliteFileAndTheDocumentedDefaults() {
        JdbcQueueOptions options = JdbcQueueOptions.from(QueueContext.of("emails", Map.of()));
        assertThat(options.url()).isEqualTo("jdbc:sqlite:./var/jobqueue.db");
        assertThat(options.tableName()).isEqualTo("jobqueue_messages_emails");
        assertThat(options.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.poolSize()).isEqualTo(4);
    }

    @Test
    void path_becomesAnSqliteUrl_andFractionalSecondsAreHonoured() {
        JdbcQueueOptions options = JdbcQueueOptions.from(QueueContext.of("q",
                Map.of("path", "/tmp/x/queue.db", "pollInterval", 0.25)));
        assertThat(options.url()).isEqualTo("jdbc:sqlite:/tmp/x/queue.db");
        assertThat(options.pollInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theSharedTimeouts_areTheCoresToRead_andNoUnknownOptionHere() {
        QueueContext context = QueueContext.of("q", Map.of("leaseTimeout", "1.5", "defaultTimeout", 2));
        JdbcQueueOptions options = JdbcQueueOptions.from(context);
        assertThat(options.tableName()).isEqualTo("jobqueue_messages_q");
        assertThat(context.leaseTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(context.defaultTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void defaultTableName_usesThePrefixedQueueName() {
        JdbcQueueOptions options = JdbcQueueOptions.from(QueueContext.of("staging-email", "email",
                Map.of("url", "jdbc:postgresql://db/app"), null));
        assertThat(options.tableName()).matches("jobqueue_messages_staging_email__[0-9a-f]{12}"); // "staging-email" is not a plain name
        assertThat(options.poolSize()).isEqualTo(10);
    }

    @Test
    void unknownOption_namesTheKeyTheQueueAndTheNearestKnownKey() {
        assertThatThrownBy(() -> JdbcQueueOptions.from(QueueContext.of("email", Map.of("pollIntervall", 2))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown option 'pollIntervall' for queue 'email'")
                .hasMessageContaining("did you mean 'pollInterval'?");
    }

    @Test
    void urlAndPathTogether_areRefused() {
        assertThatThrownBy(() -> JdbcQueueOptions.from(QueueContext.of("q",
                Map.of("url", "jdbc:sqlite:a.db", "path", "b.db"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("both options 'url' and 'path'");
    }

    @Test
    void unsupportedUrl_listsTheSupportedOnes_withoutThePassword() {
        assertThatThrownBy(() -> JdbcQueueOptions.from(QueueContext.of("q",
                Map.of("url", "jdbc:oracle:thin:scott:tiger@//db?password=tiger"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("queue 'q'")
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("=tiger");
    }

    @Test
    void nonPositiveIntervalsAndPoolSizes_areRefused() {
        assertThatThrownBy(() -> JdbcQueueOptions.from(QueueContext.of("q", Map.of("pollInterval", 0))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> JdbcQueueOptions.from(QueueContext.of("q", Map.of("poolSize", -2))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("poolSize");
    }
}
