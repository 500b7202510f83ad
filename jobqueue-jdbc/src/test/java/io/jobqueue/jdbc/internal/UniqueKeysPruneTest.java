package io.jobqueue.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobqueue.SubmitOptions;
import io.jobqueue.Submitted;
import io.jobqueue.UniqueScope;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.testkit.Services;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pruning of the unique-key table deletes the rows whose scope can never hold again (a period
 * that ended, a holder that is gone or finished) and keeps the rest (a live holder, a failed one).
 */
class UniqueKeysPruneTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void prune_deletesTheKeysThatCanNeverHoldAgain_andKeepsTheOthers(String database) throws SQLException {
        String url = switch (database) {
            case "postgresql" -> "jdbc:postgresql://127.0.0.1:5432/test";
            case "mariadb" -> "jdbc:mariadb://127.0.0.1:3306/test";
            default -> "jdbc:sqlite:" + folder.resolve("prune.db");
        };
        String user = switch (database) {
            case "postgresql" -> "postgres";
            case "mariadb" -> "root";
            default -> null;
        };
        if (user != null) {
            Services.assumeReachable(database.equals("mariadb") ? "MariaDB" : "PostgreSQL", "127.0.0.1",
                    database.equals("mariadb") ? 3306 : 5432);
        }
        Dialect dialect = Dialects.forUrl(url).orElseThrow();
        String table = "prune_" + Services.uniqueName("").toLowerCase(Locale.ROOT);
        Sql sql = new Sql(dialect, table);
        UniqueKeys keys = new UniqueKeys(dialect, sql);
        try (Connection c = DriverManager.getConnection(url, user, null)) {
            try {
                execute(c, dialect.createSchema(table).stream().filter(s -> !s.isEmpty()).toList());
                keys.table().ensure(c, true);
                List<NewMessage> messages = new ArrayList<>();
                for (String key : List.of("live", "gone", "finished", "failed")) {
                    messages.add(new NewMessage(key, SubmitOptions.DEFAULT.withUniqueKey(key)));
                }
                messages.add(new NewMessage("period", SubmitOptions.DEFAULT.withUniqueKey("period",
                        UniqueScope.forPeriod(Duration.ofMillis(1)))));
                List<Submitted> stored = dialect.inTransaction(c, () -> keys.submit(c, messages));
                execute(c, List.of("DELETE FROM " + sql.table() + " WHERE id = " + stored.get(1).id(),
                        "UPDATE " + sql.table() + " SET state = " + Sql.FINISHED + " WHERE id = " + stored.get(2).id(),
                        "UPDATE " + sql.table() + " SET state = " + Sql.FAILED + " WHERE id = " + stored.get(3).id()));

                await("the period of 1 ms to end and its key to be pruned").atMost(Duration.ofSeconds(10))
                        .until(() -> {
                            keys.prune(c);
                            return heldKeys(c, keys, dialect).size() == 2;
                        });

                assertThat(heldKeys(c, keys, dialect)).containsExactlyInAnyOrder("live", "failed");
                assertThat(keys.find(c, "live")).contains(stored.get(0).id());
            } finally {
                execute(c, List.of("DROP TABLE IF EXISTS " + keys.table().table(), "DROP TABLE IF EXISTS " + sql.table()));
            }
        }
    }

    private static List<String> heldKeys(Connection c, UniqueKeys keys, Dialect dialect) throws SQLException {
        List<String> held = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT unique_key FROM " + keys.table().table())) {
            while (rs.next()) {
                held.add(dialect.readKey(rs, 1));
            }
        }
        return held;
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
