package io.jobqueue.redis.internal;

import io.jobqueue.BackendException;
import io.jobqueue.ConfigurationException;
import io.jobqueue.spi.Secrets;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue's connection to Redis: runs the queue's scripts on one multiplexed connection (safe
 * from any number of threads; calls from several threads are pipelined by Lettuce) and opens the
 * Pub/Sub connection for wake-ups. No command blocks the server or the connection.
 *
 * <p>Lettuce reconnects by itself after a lost connection; meanwhile calls fail at once (they are
 * not queued), as a {@link BackendException} naming the queue and the server, so the worker's
 * backoff takes over. A server that cannot be reached when the link is made does not stop it
 * either: every call connects first until a connection is made (one attempt per call, at most the
 * connect timeout), so a worker started while Redis is down retries as it does after an outage.
 * Credentials never appear in a message.
 */
final class RedisLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

    private final String queueName;
    private final RedisSettings settings;
    private final Keys keys;
    /** The connections once made; null while the server could not be reached yet. */
    private volatile Connections connections;
    private boolean closed;

    /**
     * Connects now, so a wrong password stops start-up. A server that cannot be reached now is tried
     * again by the first call (and each next one until it answers), which then throws the
     * {@link BackendException}; the client's shared event loops are kept meanwhile, so those
     * attempts are quick.
     *
     * @throws ConfigurationException when the server refuses the credentials
     */
    RedisLink(String queueName, RedisSettings settings, Keys keys) {
        this.queueName = queueName;
        this.settings = settings;
        this.keys = keys;
        SharedResources.acquire();
        try {
            this.connections = connect(settings, keys);
        } catch (BackendException unreachable) {
            LOG.debug("Redis at {} cannot be reached for queue {} yet; its first call tries again: {}", address(), queueName,
                    unreachable.getMessage());
        } catch (RuntimeException e) {
            SharedResources.release();
            throw e;
        }
    }

    /**
     * The connections, made now when they were not yet (one attempt).
     *
     * @throws ConfigurationException when the server refuses the credentials
     * @throws BackendException when the server cannot be reached, or the link is closed
     */
    private Connections connections() {
        Connections open = connections;
        if (open != null) {
            return open;
        }
        synchronized (this) {
            if (closed) {
                throw new BackendException(mask("Redis at " + settings.address() + " is not connected for queue '" + queueName
                        + "': the queue is closed"), queueName, null);
            }
            if (connections == null) {
                connections = connect(settings, keys);
            }
            return connections;
        }
    }

    /**
     * Opens the connections; a handshake whose channel closed before its reply (Lettuce reports a
     * refused password that way when the close wins the race with the error) is tried once more, so
     * a wrong password is reported as one and not as a server that cannot be reached.
     */
    private Connections connect(RedisSettings settings, Keys keys) {
        try {
            return Connections.open(settings, keys.all()[0], WorkerBeats.INDEX);
        } catch (RuntimeException first) {
            if (!closedPrematurely(first)) {
                throw connectFailure(first);
            }
            try {
                return Connections.open(settings, keys.all()[0], WorkerBeats.INDEX);
            } catch (RuntimeException second) {
                second.addSuppressed(first);
                throw connectFailure(second);
            }
        }
    }

    private static boolean closedPrematurely(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("closed prematurely")) {
                return true;
            }
        }
        return false;
    }

    /** Runs a script with all of the queue's keys and returns its reply. */
    <T> T run(String operation, Script script, ScriptOutputType type, String... args) {
        return runOn(operation, script, type, keys.all(), args);
    }

    /** Runs a script with other keys than the queue's (the heartbeat scripts) and returns its reply. */
    <T> T runOn(String operation, Script script, ScriptOutputType type, String[] scriptKeys, String... args) {
        try {
            try {
                return connections().commands().evalsha(script.sha(), type, scriptKeys, args);
            } catch (RedisNoScriptException e) {
                // EVAL sends the body and caches it on the node that runs it (also in a Cluster)
                return connections().commands().eval(script.body(), type, scriptKeys, args);
            }
        } catch (RedisException e) {
            throw failure(operation, e);
        }
    }

    /**
     * Runs one script several times in a pipeline (one round trip for all) and returns the replies in
     * order. The first call goes alone, so the script is known to the server before the rest follow.
     */
    <T> List<T> runAll(String operation, Script script, ScriptOutputType type, List<String[]> argLists) {
        List<T> replies = new ArrayList<>(argLists.size());
        if (argLists.isEmpty()) {
            return replies;
        }
        replies.add(run(operation, script, type, argLists.get(0)));
        List<RedisFuture<T>> futures = new ArrayList<>(argLists.size() - 1);
        try {
            for (String[] args : argLists.subList(1, argLists.size())) {
                futures.add(connections().async().evalsha(script.sha(), type, keys.all(), args));
            }
            for (int i = 0; i < futures.size(); i++) {
                replies.add(await(operation, script, type, futures.get(i), argLists.get(i + 1)));
            }
        } catch (RedisException e) {
            throw failure(operation, e);
        }
        return replies;
    }

    private <T> T await(String operation, Script script, ScriptOutputType type, RedisFuture<T> future, String[] args) {
        try {
            return future.get(RedisSettings.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException) {
                return run(operation, script, type, args); // the server restarted in between
            }
            throw failure(operation, e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new BackendException(mask(prefix(operation) + "no answer within " + RedisSettings.COMMAND_TIMEOUT.toSeconds()
                    + " s"), queueName, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(mask(prefix(operation) + "interrupted"), queueName, e);
        }
    }

    /** Where the server is, for messages; never credentials. */
    String address() {
        return mask(settings.address());
    }

    /** The text with every secret of the queue's settings masked, for messages. */
    String mask(String text) {
        return settings.mask(text);
    }

    /** A new Pub/Sub connection to the same server (the caller closes it). */
    StatefulRedisPubSubConnection<String, String> connectPubSub() {
        try {
            return connections().pubSub().get();
        } catch (RedisException e) {
            throw failure("wait", e);
        }
    }

    /**
     * The error for a failed call: names the queue, the server and the operation. Its message and its
     * cause chain (Lettuce's texts) are masked ({@link RedisSettings#mask}).
     */
    BackendException failure(String operation, Throwable e) {
        return new BackendException(mask(prefix(operation) + e.getMessage()), queueName, masked(e));
    }

    private String prefix(String operation) {
        return "Redis at " + settings.address() + " failed for queue '" + queueName + "' (" + operation + "): ";
    }

    private RuntimeException connectFailure(RuntimeException e) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = e; t != null && seen.size() < 32; t = t.getCause()) {
            seen.add(t);
            seen.addAll(List.of(t.getSuppressed()));
        }
        for (Throwable t : seen) {
            String text = String.valueOf(t.getMessage()).toUpperCase(Locale.ROOT);
            if (text.startsWith("NOAUTH") && !settings.withPassword()) {
                return new ConfigurationException(mask("Redis at " + settings.address() + " requires a password, and queue '"
                        + queueName + "' gives none (options 'password' and 'username', or the uri)"), masked(e));
            }
            if (text.contains("WRONGPASS") || text.contains("NOAUTH") || text.contains("INVALID PASSWORD")) {
                return new ConfigurationException(mask("Redis at " + settings.address() + " refused the username or password"
                        + " of queue '" + queueName + "' (" + t.getMessage() + ")"), masked(e));
            }
        }
        return new BackendException(mask("Redis at " + settings.address() + " cannot be reached for queue '" + queueName
                + "': " + e.getMessage() + rootCause(e)), queueName, masked(e));
    }

    /** ": <message of the innermost cause>", when it says more than the outer message. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root == e || message == null || String.valueOf(e.getMessage()).contains(message) ? "" : " (" + message + ")";
    }

    private Throwable masked(Throwable e) {
        return Secrets.mask(e, settings.secrets());
    }

    @Override
    public void close() {
        Connections open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = connections;
            connections = null;
        }
        try {
            if (open != null) {
                open.close();
            }
        } finally {
            SharedResources.release();
        }
    }
}
