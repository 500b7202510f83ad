package io.jobqueue.jdbc;

import io.jobqueue.ConfigurationException;
import io.jobqueue.jdbc.internal.Dialect;
import io.jobqueue.jdbc.internal.Dialects;
import io.jobqueue.jdbc.internal.TableNames;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The validated options of one JDBC queue that opens its own connection pool. Read from a queue's
 * {@code options} with {@link #from(QueueContext)}, which refuses unknown keys (suggesting the
 * nearest known one), or built directly; the constructor checks every value. The shared timeouts
 * ({@code defaultTimeout}, {@code leaseTimeout}) are the core's and come typed in the
 * {@link QueueContext}.
 *
 * @param url               JDBC URL; the database follows from its prefix
 * @param username          database user, or null
 * @param password          database password, or null; never printed
 * @param tableName         the queue's table, a plain SQL identifier
 * @param pollInterval      how often a waiting reserver looks at the table when no wake-up came
 * @param poolSize          the most connections of the (shared) pool
 * @param connectionTimeout how long a call waits for a connection before it fails
 * @param autoSetUp         whether the first use creates the table when it is missing (default
 *                          {@value #DEFAULT_AUTO_SET_UP}); false for a schema the application manages,
 *                          where {@code queue.setUp()} or {@code jobqueue queue:setup} creates it
 */
public record JdbcQueueOptions(
        String url,
        String username,
        String password,
        String tableName,
        Duration pollInterval,
        int poolSize,
        Duration connectionTimeout,
        boolean autoSetUp) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** The first use of a queue creates its table when it is missing, unless option {@code autoSetUp} is false. */
    public static final boolean DEFAULT_AUTO_SET_UP = true;
    /** The option that turns the creation of a missing table on first use off. */
    public static final String AUTO_SET_UP_KEY = "autoSetUp";
    /** The options that say how to open the pool; a queue on an application's DataSource has no use for them. */
    public static final List<String> CONNECTION_KEYS =
            List.of("url", "path", "username", "password", "poolSize", "connectionTimeout");
    /** The embedded default: the SQLite file used when neither {@code url} nor {@code path} is given. */
    public static final String DEFAULT_SQLITE_PATH = "./var/jobqueue.db";

    public JdbcQueueOptions {
        Objects.requireNonNull(url, "url");
        TableNames.validate(tableName, null);
        requirePositive("pollInterval", pollInterval);
        requirePositive("connectionTimeout", connectionTimeout);
        if (poolSize < 1) {
            throw new ConfigurationException("option 'poolSize' must be at least 1, was " + poolSize);
        }
    }

    /**
     * Reads and checks a queue's options. Without {@code url}, {@code path} (default
     * {@value #DEFAULT_SQLITE_PATH}) names an SQLite file.
     *
     * @throws ConfigurationException naming the queue and the key
     */
    public static JdbcQueueOptions from(QueueContext context) {
        String queue = context.configuredName();
        OptionReader reader = context.options();
        String url = reader.string("url", null);
        String path = reader.string("path", null);
        String username = reader.string("username", null);
        String password = reader.string("password", null);
        String tableName = reader.string("tableName", null);
        Duration pollInterval = reader.seconds("pollInterval", DEFAULT_POLL_INTERVAL);
        int poolSize = reader.integer("poolSize", 0);
        Duration connectionTimeout = reader.seconds("connectionTimeout", DEFAULT_CONNECTION_TIMEOUT);
        boolean autoSetUp = reader.bool(AUTO_SET_UP_KEY, DEFAULT_AUTO_SET_UP);
        reader.done();

        if (url != null && path != null) {
            throw new ConfigurationException("queue '" + queue + "' has both options 'url' and 'path'; give 'url'"
                    + " for a database server or 'path' for an SQLite file, not both");
        }
        if (url == null) {
            url = "jdbc:sqlite:" + (path == null ? DEFAULT_SQLITE_PATH : path);
        }
        Dialect dialect = dialect(url, queue);
        tableName = tableName == null ? TableNames.defaultFor(context.name()) : TableNames.validate(tableName, queue);
        try {
            return new JdbcQueueOptions(url, username, password, tableName, pollInterval,
                    poolSize == 0 ? dialect.defaultPoolSize() : poolSize, connectionTimeout, autoSetUp);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.getMessage() + " (queue '" + queue + "')", e);
        }
    }

    /** The URL with the password and every secret inside it masked, for messages. */
    public String maskedUrl() {
        Set<String> secrets = new LinkedHashSet<>(Secrets.secretsIn(url));
        if (password != null) {
            secrets.add(password);
        }
        return Secrets.mask(url, secrets);
    }

    /**
     * Where the queue's messages live, for telling two configured queues apart: the database (the
     * URL without its parameters, an SQLite file as its absolute path) and the table; no secret.
     */
    public String location() {
        String database = url.split("[?;]", 2)[0];
        if (database.startsWith("jdbc:sqlite:") && !database.contains(":memory:") && !database.startsWith("jdbc:sqlite:file:")) {
            database = "jdbc:sqlite:" + Path.of(database.substring("jdbc:sqlite:".length())).toAbsolutePath().normalize();
        }
        return Secrets.mask(database, Secrets.secretsIn(url)) + " table " + tableName;
    }

    /** The dialect of {@link #url()}. */
    Dialect dialect() {
        return dialect(url, null);
    }

    private static Dialect dialect(String url, String queue) {
        String forQueue = queue == null ? "" : " for queue '" + queue + "'";
        return Dialects.forUrl(url).orElseThrow(() -> new ConfigurationException("option 'url'" + forQueue
                + " names no supported database: '" + Secrets.mask(url, Secrets.secretsIn(url)) + "'; expected a URL starting with "
                + Dialects.supportedPrefixes()));
    }

    /** Refuses a duration that is not above 0, naming the key. */
    static void requirePositive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException("option '" + key + "' must be above 0 seconds, was " + value.toMillis() / 1000.0);
        }
    }

    @Override
    public String toString() {
        return "JdbcQueueOptions[url=" + maskedUrl() + ", username=" + username + ", tableName=" + tableName
                + ", pollInterval=" + pollInterval + ", poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout
                + ", autoSetUp=" + autoSetUp + "]";
    }
}
