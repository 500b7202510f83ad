package io.jobqueue.jdbc.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The dialects this module knows, found by the prefix of a JDBC URL or by the database a connection reports. */
public final class Dialects {

    private static final Dialect POSTGRESQL = new PostgresDialect();
    private static final Dialect MARIADB = new MariaDbDialect();
    private static final Dialect MYSQL = new MySqlDialect();
    private static final Dialect SQLITE = new SqliteDialect();
    private static final List<Dialect> ALL = List.of(POSTGRESQL, MARIADB, MYSQL, SQLITE);

    private Dialects() {
    }

    /** The dialect for the URL, or empty when no dialect accepts it. */
    public static Optional<Dialect> forUrl(String jdbcUrl) {
        return ALL.stream().filter(d -> d.accepts(jdbcUrl)).findFirst();
    }

    /**
     * The dialect for a database by the product name its driver reports
     * ({@link java.sql.DatabaseMetaData#getDatabaseProductName()}), or empty when none speaks to it.
     * A MySQL server gets the MySQL dialect whichever driver talks to it.
     */
    public static Optional<Dialect> forProduct(String productName) {
        String product = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        if (product.contains("mariadb")) {
            return Optional.of(MARIADB);
        }
        if (product.contains("mysql")) {
            return Optional.of(MYSQL);
        }
        return product.contains("sqlite") ? Optional.of(SQLITE) : Optional.empty();
    }

    /** The URL prefixes that are understood, for error messages. */
    public static String supportedPrefixes() {
        return "jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:, jdbc:sqlite:";
    }

    /** The databases that are understood, for error messages. */
    public static String supportedProducts() {
        return "PostgreSQL, MariaDB, MySQL, SQLite";
    }
}
