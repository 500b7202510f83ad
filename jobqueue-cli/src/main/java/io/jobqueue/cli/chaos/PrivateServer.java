package io.jobqueue.cli.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where a chaos run with {@code --engine} keeps its queue: a server of its own, started on a free
 * port with its data in the run's folder (Redis, beanstalkd, PostgreSQL, MariaDB), or a place that
 * needs no server (SQLite). {@link #close()} stops
 * what was started and is idempotent, so it is safe from a shutdown hook as well.
 */
public interface PrivateServer extends AutoCloseable {

    /** The engines {@code --engine} takes. */
    String ENGINES = "redis, beanstalkd, postgres, sqlite, mariadb";

    /** The engine's name as {@code --engine} takes it. */
    String engine();

    /** The backend alias of the queue's {@code className}. */
    String className();

    /** The queue's backend options that reach this server (the lease is added by the run). */
    Map<String, Object> options();

    /** One line: what runs where, e.g. "redis-server on 127.0.0.1:40123, AOF (appendfsync always) in /tmp/…". */
    String describe();

    /** True when {@link #restart} can be called. */
    default boolean canRestart() {
        return false;
    }

    /**
     * Kills the server (SIGKILL, or PostgreSQL's immediate stop: a crash either way), waits
     * {@code down}, starts it again on the same port and data, and returns once it answers.
     */
    default Restart restart(Duration down) {
        throw new UnsupportedOperationException(engine() + " is not restarted by the chaos run");
    }

    /** Starts the engine of that name with its data in {@code folder}, and waits until it answers. */
    static PrivateServer start(String engine, Path folder) {
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "redis" -> ProcessServer.redis(folder);
            case "beanstalkd" -> ProcessServer.beanstalkd(folder);
            case "postgres", "postgresql" -> PostgresServer.start(folder);
            case "sqlite" -> new FixedPlace("sqlite", Map.of("path", folder.resolve("chaos.db").toString()),
                    "SQLite file " + folder.resolve("chaos.db"));
            case "mariadb" -> MariaDbServer.start(folder);
            default -> throw new IllegalArgumentException("unknown engine '" + engine + "' (one of: " + ENGINES + ")");
        };
    }

    @Override
    void close();
}
