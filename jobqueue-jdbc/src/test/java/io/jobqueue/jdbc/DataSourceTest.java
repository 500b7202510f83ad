package io.jobqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jobqueue.Capability;
import io.jobqueue.ConfigurationException;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.QueueContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An application hands its own DataSource: the backend learns the database from it and never closes it. */
class DataSourceTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aQueueOnTheApplicationsDataSource_works_andLeavesTheDataSourceOpen(TestDatabases db) throws Exception {
        db.assumeAvailable();
        try (HikariDataSource dataSource = applicationPool(db)) {
            QueueContext context = QueueContext.of(TestDatabases.uniqueName("given"), Map.of("leaseTimeout", 30));
            String table;
            try (Queue queue = Queue.of(context, JdbcBackend.create(context, dataSource))) {
                table = TestDatabases.table(queue);
                assertThat(TestDatabases.backend(queue).toString()).as("the dialect learnt from the connection")
                        .contains(db.name().toLowerCase(Locale.ROOT));
                assertThat(queue.capabilities().has(Capability.PUSH_WAKE_UP)).isEqualTo(db == TestDatabases.POSTGRESQL);
                queue.setUp();
                queue.submit("on the application's pool", SubmitOptions.DEFAULT.withHeader("tenant", "acme"));
                Message message = queue.waitAndReserve(Duration.ZERO).orElseThrow();
                assertThat(message.payload()).isEqualTo("on the application's pool");
                assertThat(message.headers()).isEqualTo(Map.of("tenant", "acme"));
                assertThat(queue.finish(message)).isTrue();
                assertThat(queue.counts().ready()).isZero();
            }
            assertThat(dataSource.isClosed()).as("the application's DataSource after the queue closed").isFalse();
            try (Connection connection = dataSource.getConnection()) {
                assertThat(connection.isValid(5)).isTrue();
            }
            db.drop(folder, table);
        }
    }

    @Test
    void onPostgresql_aSubmitFromAnotherProcess_wakesAReserverOnTheApplicationsDataSource() throws Exception {
        TestDatabases db = TestDatabases.POSTGRESQL;
        db.assumeAvailable();
        String name = TestDatabases.uniqueName("givenlisten");
        QueueContext context = QueueContext.of(name, Map.of("pollInterval", 30));
        try (HikariDataSource dataSource = applicationPool(db);
                Queue waiter = Queue.of(context, JdbcBackend.create(context, dataSource));
                Queue submitter = TestDatabases.open(name, db.options(folder))) {
            waiter.setUp();
            CompletableFuture<Optional<Message>> reserved = CompletableFuture.supplyAsync(
                    () -> waiter.waitAndReserve(Duration.ofSeconds(60)));
            // the waiter has polled once and waits (30 s poll interval): only the NOTIFY can wake it in time
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !reserved.isDone());
            submitter.submit("woken");
            assertThat(reserved.get(20, TimeUnit.SECONDS)).map(Message::payload).contains("woken");
            db.drop(folder, TestDatabases.table(waiter));
        }
    }

    @Test
    void connectionOptions_areRefused_sinceTheDataSourceDecidesHowToConnect() {
        try (HikariDataSource dataSource = applicationPool(TestDatabases.SQLITE)) {
            QueueContext context = QueueContext.of("given", Map.of("url", "jdbc:sqlite:other.db"));
            assertThatThrownBy(() -> JdbcBackend.create(context, dataSource)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("option 'url' of queue 'given' has no use")
                    .hasMessageContaining("DataSource");
            QueueContext typo = QueueContext.of("given", Map.of("tableNam", "jobs"));
            assertThatThrownBy(() -> JdbcBackend.create(typo, dataSource)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("did you mean 'tableName'?");
        }
    }

    /** A pool as an application would configure it, handing out connections without autocommit. */
    private HikariDataSource applicationPool(TestDatabases db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url(folder));
        config.setUsername((String) db.options(folder).get("username"));
        config.setMaximumPoolSize(4);
        config.setAutoCommit(false);
        config.setPoolName("application-" + db.name().toLowerCase(Locale.ROOT));
        return new HikariDataSource(config);
    }
}
