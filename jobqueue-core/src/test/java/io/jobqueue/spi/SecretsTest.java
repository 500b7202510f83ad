package io.jobqueue.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mariadb://root:s3cret@127.0.0.1:3306/test",
            "jdbc:mariadb://127.0.0.1/test?user=root&password=s3cret",
            "jdbc:postgresql://127.0.0.1/test?user=x&sslpassword=s3cret",
            "jdbc:postgresql://127.0.0.1/test?user=x&sslPassword=s3cret&ssl=true",
            "jdbc:mysql://h/db?trustCertificateKeyStorePassword=s3cret",
            "jdbc:sqlserver://h;user=x;password=s3cret;databaseName=d",
            "jdbc:mysql://address=(host=h)(port=3306)(user=u)(password=s3cret)/db",
            "redis://user:s3cret@127.0.0.1:6390:x/0",
            "redis://s3cret@127.0.0.1:abc",
            "rediss://:s3cret@host:6380/1",
            "redis-sentinel://:s3cret@127.0.0.1:1,h:2?sentinelMasterId=m",
            "redis://us:hun s3cret@127.0.0.1/0",
            "redis://us er:s3cret@127.0.0.1/0",
            "redis://user:s3cret#x@127.0.0.1/0",
            "redis://u:p@ss/w0rd:s3cret@host/0",
            "cannot connect to jdbc:mariadb://root:s3cret@127.0.0.1 (Incorrect port value : s3cret@127.0.0.1)",
            "amqp://guest:s3cret@127.0.0.1:5672/",
            "nats://s3cret@h:4222",
            "while parsing a block mapping in 'reader', line 4:\n      password: s3cret\n      ^",
            "{\"options\" : {\"password\" : \"s3cret\"}}",
    })
    void mask_hidesTheSecret(String text) {
        assertThat(Secrets.mask(text, Secrets.secretsIn(text))).doesNotContain("s3cret").contains(Secrets.MASK);
    }

    @Test
    void mask_keepsWhatIsNotSecret() {
        assertThat(Secrets.mask("jdbc:postgresql://127.0.0.1:5432/test?user=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=x&ssl=true");
        assertThat(Secrets.mask("jdbc:mariadb://root:pw@127.0.0.1:3306/test"))
                .isEqualTo("jdbc:mariadb://root:***@127.0.0.1:3306/test");
        assertThat(Secrets.mask("jdbc:postgresql://user@host/db")).isEqualTo("jdbc:postgresql://user@host/db");
        assertThat(Secrets.mask("jdbc:sqlite:./var/jobqueue.db")).isEqualTo("jdbc:sqlite:./var/jobqueue.db");
        assertThat(Secrets.mask("option 'password' of queue 'q' must be a string")).isEqualTo("option 'password' of queue 'q' must be a string");
        assertThat(Secrets.mask("url: https://h/x")).isEqualTo("url: https://h/x");
    }

    @Test
    void mask_hidesLiteralSecretsAnywhere() {
        assertThat(Secrets.mask("Access denied, tried 'hunter2'", List.of("hunter2"))).isEqualTo("Access denied, tried '***'");
        assertThat(Secrets.mask("nothing here", java.util.Arrays.asList(null, ""))).isEqualTo("nothing here");
    }

    @Test
    void maskSettings_masksSecretKeysAndUrlsInsideNestedMaps() {
        Map<String, Object> settings = Map.of("className", "jdbc", "options", Map.of(
                "password", "hunter2", "url", "jdbc:postgresql://h/db?sslpassword=abc", "tableName", "t",
                "hosts", List.of("redis://pw@h")));
        Map<String, Object> masked = Secrets.maskSettings(settings);
        assertThat(masked.toString()).doesNotContain("hunter2").doesNotContain("abc").doesNotContain("pw@").contains("tableName=t");
        assertThat(Secrets.secretsOf(settings)).contains("hunter2", "abc", "pw");
    }

    @Test
    void maskThrowable_copiesTheChainOnlyWhenItHoldsASecret() {
        RuntimeException plain = new RuntimeException("no secret", new IllegalStateException("none"));
        assertThat(Secrets.mask(plain, List.of("hunter2"))).isSameAs(plain);
        Exception secret = new RuntimeException("wrapped", new java.sql.SQLException("Incorrect port value : hunter2@h"));
        Throwable masked = Secrets.mask(secret, List.of("hunter2"));
        java.io.StringWriter trace = new java.io.StringWriter();
        masked.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("hunter2").contains("java.sql.SQLException: Incorrect port value : ***@h")
                .contains("SecretsTest");
    }

    @Test
    void anOptionReaderError_neverQuotesAPasswordOfTheWrongType() {
        OptionReader reader = new OptionReader("email", Map.of("password", List.of("hunter2")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.string("password", null))
                .hasMessageContaining("option 'password' must be a string").hasMessageContaining("queue 'email'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void isSecretKey_knowsTheUsualNames() {
        assertThat(List.of("password", "sslPassword", "clientSecret", "apiToken", "keyStorePassword", "pwd"))
                .allMatch(Secrets::isSecretKey);
        assertThat(List.of("url", "tableName", "host", "leaseTimeout")).noneMatch(Secrets::isSecretKey);
    }
}
