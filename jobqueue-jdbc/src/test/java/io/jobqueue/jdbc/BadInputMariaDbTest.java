package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.BackendException;
import io.jobqueue.MessageTooLargeException;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A refused login and a payload past max_allowed_packet on MariaDB: one line each, saying so. */
class BadInputMariaDbTest {

    @TempDir
    Path folder;

    @Test
    void wrongPassword_isOneLineSayingTheLoginWasRefused_soon() {
        TestDatabases.MARIADB.assumeAvailable();
        Map<String, Object> options = TestDatabases.MARIADB.options(folder);
        options.put("password", "not-the-password-42");
        options.put("connectionTimeout", 10);
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("badpw"), options)) {
            long start = System.nanoTime();
            assertThatThrownBy(queue::counts)
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("refused the login of user 'root'")
                    .hasMessageContaining("username and password")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("not-the-password-42")
                            .doesNotContain("cannot be reached"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the pool's connection timeout")
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\", "'", "\""})
    void payloadThatEscapingMakesLargerThanMaxAllowedPacket_isRefusedAsTooLarge(String character) {
        TestDatabases.MARIADB.assumeAvailable();
        try (Queue queue = TestDatabases.open(TestDatabases.uniqueName("escaped"), TestDatabases.MARIADB.options(folder))) {
            queue.setUp();
            String payload = character.repeat(9 * 1024 * 1024); // 9 MiB, doubled by escaping: past 16 MiB
            assertThatThrownBy(() -> queue.submitAll(List.of(payload), SubmitOptions.DEFAULT))
                    .isInstanceOf(MessageTooLargeException.class)
                    .hasMessageContaining("max_allowed_packet")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("cannot be reached"));
            queue.submit("still works");
            assertThat(queue.waitAndTake(Duration.ZERO)).map(m -> m.payload()).contains("still works");
            TestDatabases.MARIADB.drop(folder, TestDatabases.table(queue));
            TestDatabases.MARIADB.drop(folder, TestDatabases.table(queue) + "__unique");
        }
    }
}
