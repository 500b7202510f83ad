package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.spi.QueueContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LeaseTokenTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void staleHolder_whoseMessageWasReservedAgainElsewhere_isRefused(TestDatabases db) {
        db.assumeAvailable();
        String name = TestDatabases.uniqueName("stale");
        Map<String, Object> options = db.options(folder);
        options.put("leaseTimeout", 1);
        try (JdbcQueue first = new JdbcQueue(QueueContext.of(name, options));
                JdbcQueue second = new JdbcQueue(QueueContext.of(name, options))) {
            first.setUp();
            String id = first.submit("contended");
            assertThat(first.waitAndReserve(Duration.ZERO)).map(Message::id).contains(id);

            AtomicReference<Message> again = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Optional<Message> m = second.waitAndReserve(Duration.ZERO);
                m.ifPresent(again::set);
                return m.isPresent();
            });
            assertThat(again.get().numberOfReleases()).isEqualTo(1);

            assertThat(first.extendLease(id)).isFalse();
            assertThat(first.finish(id)).isFalse();
            assertThat(first.release(id, ReleaseOptions.DEFAULT)).isFalse();
            assertThat(first.abort(id, "stale")).isFalse();
            assertThat(first.finishAll(java.util.List.of(id))).isZero();
            assertThat(second.countReserved()).isEqualTo(1);

            assertThat(second.extendLease(id)).isTrue();
            assertThat(second.finish(id)).isTrue();
            db.drop(folder, first.options().tableName());
        }
    }
}
