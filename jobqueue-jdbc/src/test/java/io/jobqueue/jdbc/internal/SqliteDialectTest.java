package io.jobqueue.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDialectTest {

    @TempDir
    Path folder;

    private final SqliteDialect dialect = new SqliteDialect();

    @Test
    void pooledConnections_useWalAndImmediateTransactions() throws SQLException {
        String url = "jdbc:sqlite:" + folder.resolve("a.db");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        dialect.configure(config);
        try (HikariDataSource pool = new HikariDataSource(config); Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x INTEGER)");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
            }
            // A read in an IMMEDIATE transaction already holds the write lock: another writer is refused.
            try (Connection other = DriverManager.getConnection(url); Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
                assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (1)"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("locked");
            }
            c.rollback();
        }
    }

    @Test
    void prepare_createsTheFolderOfTheFile_andRefusesInMemoryDatabases() {
        Path file = folder.resolve("deep/er/jobqueue.db");
        dialect.prepare("jdbc:sqlite:" + file);
        assertThat(Files.isDirectory(file.getParent())).isTrue();
        assertThatThrownBy(() -> dialect.prepare("jdbc:sqlite::memory:"))
                .hasMessageContaining("in-memory").hasMessageContaining("path");
    }
}
