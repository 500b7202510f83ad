package io.jobqueue.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.jdbc.JdbcBackend;
import io.jobqueue.jdbc.JdbcQueueFactory;
import io.jobqueue.testkit.Services;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** On a PostgreSQL server with autovacuum off, the queue vacuums the dead rows of finished messages. */
class PgVacuumTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Test
    void tableFullOfFinishedMessages_isVacuumed_whenTheServerDoesNotVacuum() throws SQLException {
        Services.assumeReachable("PostgreSQL", "127.0.0.1", 5432);
        Assumptions.assumeTrue("off".equals(query("SELECT current_setting('autovacuum')")),
                "the server's autovacuum is on, so the queue leaves vacuuming to it");
        Map<String, Object> options = Map.of("url", URL, "username", "postgres");
        try (Queue queue = Queue.open(new JdbcQueueFactory(), Services.uniqueName("vacuum"), options);
                HikariDataSource pool = pool()) {
            String table = queue.backend(JdbcBackend.class).orElseThrow().tableName();
            queue.setUp();
            queue.submitAll(Collections.nCopies(12_000, "done soon"), SubmitOptions.DEFAULT);
            List<Message> claimed = queue.waitAndReserve(12_000, Duration.ZERO);
            assertThat(queue.finishAll(claimed)).hasSize(12_000);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Long.parseLong(query("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = '"
                            + table + "'")) > 10_000);

            try (PgVacuum vacuum = new PgVacuum(pool, URL, 0)) {
                vacuum.request(table);
                await().atMost(Duration.ofSeconds(30)).until(() -> !"null".equals(
                        query("SELECT COALESCE(last_vacuum::text, 'null') FROM pg_stat_user_tables WHERE relname = '"
                                + table + "'")));
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE \"" + table + "\"");
            }
        }
    }

    private static HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setUsername("postgres");
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(URL, "postgres", null);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
