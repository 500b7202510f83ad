package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.ConfigurationException;
import io.jobqueue.jdbc.internal.TableNames;
import io.jobqueue.spi.QueueContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "demo", "email", "send_email", "q1", "orders_2024_x"})
    void defaultName_ofAPlainQueueName_isTheNameEarlierVersionsUsed(String name) {
        assertThat(TableNames.defaultFor(name)).isEqualTo("jobqueue_messages_" + name);
    }

    @Test
    void defaultName_ofAnyOtherName_keepsAReadablePartAndAddsAHashOfTheExactName() {
        assertThat(TableNames.defaultFor("Mail.Out-going queue")).matches("jobqueue_messages_mail_out_going_queue__[0-9a-f]{12}");
        assertThat(TableNames.defaultFor("émails")).matches("jobqueue_messages_mails__[0-9a-f]{12}");
        assertThat(TableNames.defaultFor("邮件")).matches("jobqueue_messages___[0-9a-f]{12}");
    }

    @Test
    void defaultNames_areOneToOne_forNamesThatFoldToTheSameCharacters() {
        List<String> names = List.of("orders-x", "orders_x", "orders.x", "Orders_x", "ORDERS-X", "orders x", "orders__x",
                "_orders_x", "orders_x_", "邮件", "邮箱", "メール", "orders-x__0123456789ab", "orders_x__0123456789ab");
        Set<String> tables = names.stream().map(TableNames::defaultFor).collect(Collectors.toSet());
        assertThat(tables).hasSameSizeAs(names);
        assertThat(tables).allMatch(t -> t.length() <= TableNames.MAX_LENGTH && t.matches("[a-z0-9_]+"));
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
