package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.ConfigurationException;
import io.jobqueue.jdbc.internal.TableNames;
import io.jobqueue.spi.QueueContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableNameTest {

    @Test
    void defaultName_mapsEveryNonIdentifierCharacterToUnderscore() {
        assertThat(TableNames.defaultFor("Mail.Out-going queue")).isEqualTo("jobqueue_messages_mail_out_going_queue");
        assertThat(TableNames.defaultFor("émails")).isEqualTo("jobqueue_messages__mails");
    }

    @Test
    void defaultName_ofAVeryLongQueueName_staysWithin63CharactersAndDistinct() {
        String a = TableNames.defaultFor("x".repeat(80) + "a");
        String b = TableNames.defaultFor("x".repeat(80) + "b");
        assertThat(a).hasSize(63).matches("[a-z0-9_]+");
        assertThat(a).isNotEqualTo(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"queue_email", "Q", "_x1", "a23456789012345678901234567890123456789012345678901234567890123"})
    void plainIdentifiers_areAccepted(String name) {
        JdbcQueueOptions options = JdbcQueueOptions.from(QueueContext.of("q", Map.of("tableName", name)));
        assertThat(options.tableName()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobs; DROP TABLE users", "1jobs", "jobs-email", "\"jobs\"", "schema.jobs", "",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void anythingButAPlainIdentifier_isRefused_soNoSqlCanComeThroughConfiguration(String name) {
        assertThatThrownBy(() -> JdbcQueueOptions.from(QueueContext.of("email", Map.of("tableName", name))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("option 'tableName' for queue 'email'")
                .hasMessageContaining("plain SQL identifier");
    }
}
