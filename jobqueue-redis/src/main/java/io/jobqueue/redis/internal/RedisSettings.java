package io.jobqueue.redis.internal;

import io.jobqueue.ConfigurationException;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.OptionValues;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.spi.Secrets;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Redis queue's options, read and checked at start: where the server is ({@code host},
 * {@code port}, {@code database}, {@code username}, {@code password}, or one {@code uri}; with
 * {@code cluster: true}, one node of a Cluster). The shared {@code defaultTimeout} and
 * {@code leaseTimeout} are the core's ({@link QueueContext}). Unknown keys are refused with a
 * suggestion, and so is a {@code uri} whose host or port cannot be read ({@link RedisUris}).
 *
 * @param uri            the Lettuce address, credentials included
 * @param address        where the server is, for messages: never the password
 * @param withPassword   whether a password was given (in the options or the uri)
 * @param cluster        the server is a node of a Redis Cluster (option {@code cluster})
 * @param secrets        what {@link #mask} hides wherever it appears: the {@code password} option,
 *                       the secrets of the {@code uri} text ({@link Secrets#secretsIn}) and the
 *                       password Lettuce read from it (percent-decoded)
 */
public record RedisSettings(RedisURI uri, String address, boolean withPassword, boolean cluster, Set<String> secrets) {

    public RedisSettings {
        secrets = Set.copyOf(secrets);
    }

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 6379;
    public static final int DEFAULT_DATABASE = 0;
    /** Longest a single Redis command may take before it fails (scripts are short; no command blocks). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Reads the options of a queue.
     *
     * @throws ConfigurationException naming the queue and the key for an unknown key or a bad value
     */
    public static RedisSettings read(QueueContext context) {
        String queue = context.configuredName();
        OptionReader options = context.options();
        String uriText = options.string("uri", null);
        String host = options.string("host", null);
        Integer port = options.read("port", null, v -> OptionValues.integer("port", v));
        Integer database = options.read("database", null, v -> OptionValues.integer("database", v));
        String username = options.string("username", null);
        String password = options.string("password", null);
        boolean cluster = options.bool("cluster", false);
        options.done();

        RedisURI uri;
        if (uriText != null) {
            if (host != null || port != null || database != null) {
                throw new ConfigurationException("queue '" + queue + "' gives option 'uri' together with 'host', 'port'"
                        + " or 'database'; give the server either as a uri or with host/port/database");
            }
            uri = RedisUris.parse(queue, uriText);
        } else {
            int p = port == null ? DEFAULT_PORT : port;
            int db = database == null ? DEFAULT_DATABASE : database;
            if (p < 1 || p > 65_535) {
                throw new ConfigurationException("option 'port' of queue '" + queue + "' must be 1 to 65535, was " + p);
            }
            if (db < 0) {
                throw new ConfigurationException("option 'database' of queue '" + queue + "' must be >= 0, was " + db);
            }
            uri = RedisURI.Builder.redis(host == null ? DEFAULT_HOST : host, p).withDatabase(db).build();
        }
        if (password != null) {
            // set on the URI, so Lettuce also authenticates to the master a Sentinel names
            if (username != null) {
                uri.setAuthentication(username, password);
            } else {
                uri.setAuthentication(password);
            }
        } else if (username != null) {
            throw new ConfigurationException("option 'username' of queue '" + queue + "' needs option 'password' too");
        }
        if (cluster && (!uri.getSentinels().isEmpty() || uri.getDatabase() != 0)) {
            throw new ConfigurationException("queue '" + queue + "' sets option 'cluster', which takes a node's address,"
                    + " not Sentinels and not a database other than 0");
        }
        uri.setTimeout(COMMAND_TIMEOUT);
        boolean withPassword = password != null || (uriText != null && uriText.contains("@"));
        String address = cluster ? "Redis Cluster via " + address(uri) : address(uri);
        return new RedisSettings(uri, address, withPassword, cluster, secrets(uriText, password, uri));
    }

    /** The settings without the secrets, for logs. */
    @Override
    public String toString() {
        return "RedisSettings[" + address + ", database " + uri.getDatabase() + "]";
    }

    /** The text with every secret of these settings masked ({@link Secrets#mask}); null stays null. */
    public String mask(String text) {
        return Secrets.mask(text, secrets);
    }

    private static Set<String> secrets(String uriText, String password, RedisURI uri) {
        Set<String> secrets = new LinkedHashSet<>(Secrets.secretsIn(uriText));
        if (password != null) {
            secrets.add(password);
        }
        // the static credentials of a URI resolve at once; they hold the password percent-decoded
        RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block(Duration.ofSeconds(1));
        if (credentials != null && credentials.hasPassword()) {
            secrets.add(new String(credentials.getPassword()));
        }
        secrets.removeIf(String::isEmpty);
        return secrets;
    }

    /**
     * Where a queue whose keys start with {@code keyBase} keeps its messages, for the queue manager's
     * check that no two configured queues share their keys: the server (host names in lower case,
     * Sentinels sorted), the database and the keys; never credentials. A Cluster is named by the
     * node given, so two queues that reach one Cluster through different nodes are not recognised.
     */
    public String location(String keyBase) {
        String server;
        if (!uri.getSentinels().isEmpty()) {
            server = "Sentinel master '" + uri.getSentinelMasterId() + "' via " + uri.getSentinels().stream()
                    .map(s -> s.getHost().toLowerCase(Locale.ROOT) + ":" + s.getPort()).sorted()
                    .collect(Collectors.joining(","));
        } else if (uri.getSocket() != null) {
            server = "socket " + uri.getSocket();
        } else {
            server = uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
        }
        String database = cluster ? "" : " database " + uri.getDatabase();
        return (cluster ? "Redis Cluster via " : "") + server + database + " keys " + keyBase + "*";
    }

    /** host:port, or the Sentinel master and its sentinels; never credentials. */
    static String address(RedisURI uri) {
        if (!uri.getSentinels().isEmpty()) {
            return "Sentinel master '" + uri.getSentinelMasterId() + "' via " + uri.getSentinels().stream()
                    .map(s -> s.getHost() + ":" + s.getPort()).collect(Collectors.joining(","));
        }
        if (uri.getSocket() != null) {
            return uri.getSocket();
        }
        return uri.getHost() + ":" + uri.getPort();
    }
}
