package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.QueueContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmokeTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void basicFlow(TestDatabases db) {
        db.assumeAvailable();
        Map<String, Object> options = db.options(folder);
        options.put("leaseTimeout", 1);
        try (JdbcQueue q = new JdbcQueue(QueueContext.of(TestDatabases.uniqueName("smoke"), options))) {
            q.setUp();
            q.setUp();
            q.flush();
            String a = q.submit("a ünïcödé 🚀");
            List<String> more = q.submitAll(List.of("b", "c"), SubmitOptions.DEFAULT);
            q.submit("urgent", SubmitOptions.prioritized(1));
            assertThat(q.countReady()).isEqualTo(4);
            assertThat(q.peek(10)).extracting(Message::payload).containsExactly("urgent", "a ünïcödé 🚀", "b", "c");
            List<Message> batch = q.waitAndReserve(3, Duration.ZERO);
            assertThat(batch).extracting(Message::payload).containsExactly("urgent", "a ünïcödé 🚀", "b");
            assertThat(q.countReserved()).isEqualTo(3);
            assertThat(q.release(a, ReleaseOptions.DEFAULT)).isTrue();
            assertThat(q.release(a, ReleaseOptions.DEFAULT)).isFalse();
            assertThat(q.finishAll(List.of(batch.get(0).id(), more.get(0)))).isEqualTo(2);
            Message c = q.waitAndReserve(Duration.ZERO).orElseThrow();
            assertThat(c.payload()).isEqualTo("c");
            assertThat(q.abort(c.id(), "boom")).isTrue();
            assertThat(q.countFailed()).isEqualTo(1);
            assertThat(q.listFailed(10)).singleElement().satisfies(f -> {
                assertThat(f.reason()).isEqualTo("boom");
                assertThat(f.failedAt()).isNotNull();
            });
            assertThat(q.retryFailed(c.id())).isTrue();
            Message again = q.waitAndReserve(Duration.ZERO).orElseThrow();
            assertThat(again.numberOfReleases()).isEqualTo(1);
            assertThat(again.payload()).isEqualTo("a ünïcödé 🚀");
            assertThat(q.extendLease(again.id())).isTrue();
            q.flush();
            assertThat(q.countReady() + q.countReserved() + q.countFailed()).isZero();
            db.drop(folder, q.options().tableName());
        }
    }
}
