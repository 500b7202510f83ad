package io.jobqueue.redis.internal;

import io.jobqueue.ConfigurationException;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Reads the {@code uri} option strictly. Lettuce reads a URI whose authority Java cannot read (a
 * port that is not a number, a password holding {@code # ? / @}, a host with {@code _}) as best
 * it can: {@code redis://pw@127.0.0.1:abc} becomes host {@code 127.0.0.1:abc} on port 6379, and
 * {@code redis://user:pw#x@host} becomes host {@code user:pw} — so the queue would connect to a
 * host made of the password and print it in every connection error. Here such a URI is refused at
 * start: the host and port Lettuce read must be the ones Java reads, and the port must be valid.
 * The text is never echoed (it may hold a password, and a malformed one cannot be masked reliably).
 */
final class RedisUris {

    /** A host name or IPv4 address, or an IPv6 address in brackets, for the Sentinels of a Sentinel URI. */
    private static final Pattern SENTINEL_HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]");

    private RedisUris() {
    }

    /**
     * The URI as Lettuce reads it.
     *
     * @throws ConfigurationException naming the option and the queue, without the text, when the
     *         URI does not parse or its host or port cannot be read
     */
    static RedisURI parse(String queue, String text) {
        RedisURI uri;
        try {
            uri = RedisURI.create(text);
        } catch (NumberFormatException e) {
            throw refused(queue, "its port or database is not a number");
        } catch (RuntimeException e) {
            throw refused(queue, "it does not parse");
        }
        String problem = problem(text, uri);
        if (problem != null) {
            throw refused(queue, problem);
        }
        return uri;
    }

    private static String problem(String text, RedisURI uri) {
        if (!uri.getSentinels().isEmpty()) {
            for (RedisURI sentinel : uri.getSentinels()) {
                if (sentinel.getHost() == null || !SENTINEL_HOST.matcher(sentinel.getHost()).matches()) {
                    return "the host of a Sentinel cannot be read";
                }
                if (sentinel.getPort() < 1 || sentinel.getPort() > 65_535) {
                    return "the port of a Sentinel is not 1 to 65535";
                }
            }
            return uri.getSentinelMasterId() == null || uri.getSentinelMasterId().isBlank()
                    ? "it names no master (redis-sentinel://…#masterName)" : null;
        }
        if (uri.getSocket() != null) {
            return null;
        }
        URI strict;
        try {
            strict = new URI(text);
        } catch (URISyntaxException e) {
            return "it does not parse";
        }
        if (strict.getHost() == null || !strict.getHost().equalsIgnoreCase(uri.getHost())) {
            return "its host and port cannot be read";
        }
        if (strict.getPort() != -1 && (strict.getPort() < 1 || strict.getPort() > 65_535 || strict.getPort() != uri.getPort())) {
            return "its port is not 1 to 65535";
        }
        return null;
    }

    private static ConfigurationException refused(String queue, String problem) {
        return new ConfigurationException("option 'uri' of queue '" + queue + "' is not a Redis URI: " + problem
                + " (expected redis://[user:password@]host[:port][/database], rediss://… or redis-sentinel://…#master;"
                + " percent-encode @ # ? / : and spaces in a user name or password, or give the password in option"
                + " 'password'; for a host name with '_' use options host and port)");
    }
}
