package io.jobqueue.redis;

import static org.awaitility.Awaitility.await;

import io.jobqueue.testkit.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server of a test's own, on a free loopback port with its data in a temporary folder,
 * never the shared server on 6379. Every write is fsynced to the append-only file, so
 * {@link #restart()} (SIGTERM, then a new process on the same port and folder) keeps the data.
 */
final class PrivateRedisServer implements AutoCloseable {

    private final List<String> command;
    private final Path dir;
    private final int port;
    private Process process;

    private PrivateRedisServer(int port, Path dir, List<String> command) {
        this.port = port;
        this.dir = dir;
        this.command = command;
    }

    /** Starts a server with these extra arguments (e.g. {@code --requirepass x}); skips the test without redis-server. */
    static PrivateRedisServer start(String... extraArguments) throws IOException {
        return start(freePort(), extraArguments);
    }

    /** Starts a server on the given port. */
    static PrivateRedisServer start(int port, String... extraArguments) throws IOException {
        Path dir = Files.createTempDirectory("jobqueue-redis-test");
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "yes",
                "--appendfsync", "always", "--daemonize", "no", "--loglevel", "warning"));
        command.addAll(List.of(extraArguments));
        PrivateRedisServer server = new PrivateRedisServer(port, dir, command);
        server.launch();
        return server;
    }

    int port() {
        return port;
    }

    /** Stops the server gracefully, runs {@code whileDown}, and starts it again on the same port and folder. */
    void restart(Runnable whileDown) {
        stop();
        whileDown.run();
        launch();
    }

    private void launch() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile()).start();
        } catch (IOException e) {
            String reason = "redis-server could not be started (" + e.getMessage() + ")";
            if ("1".equals(System.getenv(Services.REQUIRE_SERVICES_VARIABLE))) {
                Assertions.fail(reason);
            }
            Assumptions.abort(reason + "; skipped");
        }
        await("redis-server on port " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(this::reachable);
    }

    private void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private boolean reachable() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server exited: " + log());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free loopback port whose Cluster bus port (+10000) is free too. */
    static int freeClusterPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            if (port < 55_000) {
                try (ServerSocket bus = new ServerSocket(port + 10_000, 1, java.net.InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port pair for a Redis Cluster node");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
