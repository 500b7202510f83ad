package io.jobqueue.jdbc.internal;

import java.util.List;
import java.util.Optional;

/** The dialects this module knows, found by the prefix of a JDBC URL. */
public final class Dialects {

    private static final List<Dialect> ALL =
            List.of(new PostgresDialect(), new MariaDbDialect(), new MySqlDialect(), new SqliteDialect());

    private Dialects() {
    }

    /** The dialect for the URL, or empty when no dialect accepts it. */
    public static Optional<Dialect> forUrl(String jdbcUrl) {
        return ALL.stream().filter(d -> d.accepts(jdbcUrl)).findFirst();
    }

    /** The URL prefixes that are understood, for error messages. */
    public static String supportedPrefixes() {
        return "jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:, jdbc:sqlite:";
    }
}
