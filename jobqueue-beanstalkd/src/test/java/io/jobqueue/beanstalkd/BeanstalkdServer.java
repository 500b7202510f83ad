package io.jobqueue.beanstalkd;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private beanstalkd for one test class, on a free loopback port: for a size limit ({@code -z}),
 * a binlog ({@code -b}), drain mode or a restart that must not disturb the shared server. Skipped
 * (or, with {@code JOBQUEUE_REQUIRE_SERVICES=1}, failed) when beanstalkd is not installed.
 */
final class BeanstalkdServer implements AutoCloseable {

    private final int port;
    private final List<String> command;
    private Process process;

    private BeanstalkdServer(int port, List<String> command) {
        this.port = port;
        this.command = command;
    }

    /** Starts {@code beanstalkd -l 127.0.0.1 -p <free port> <extra arguments>} and waits until it listens. */
    static BeanstalkdServer start(String... extraArguments) {
        String binary = binary();
        List<String> command = new ArrayList<>(List.of(binary, "-l", "127.0.0.1", "-p", Integer.toString(freePort())));
        command.addAll(List.of(extraArguments));
        BeanstalkdServer server = new BeanstalkdServer(Integer.parseInt(command.get(4)), command);
        server.launch();
        return server;
    }

    int port() {
        return port;
    }

    /** Stops the server the hard way (SIGKILL) and starts it again with the same arguments and port. */
    void killAndRestart() {
        process.destroyForcibly();
        waitForExit();
        launch();
    }

    /** Puts the server into drain mode (SIGUSR1): it then refuses new jobs with DRAINING. */
    void drain() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-USR1", Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            waitForExit();
            process = null;
        }
    }

    private void launch() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
        await("beanstalkd to listen on port " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> listening(port));
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            Path candidate = Path.of(dir, "beanstalkd");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String message = "beanstalkd is not installed (no executable 'beanstalkd' on the PATH); install the Debian package beanstalkd";
        if ("1".equals(System.getenv("JOBQUEUE_REQUIRE_SERVICES"))) {
            throw new IllegalStateException(message + " (JOBQUEUE_REQUIRE_SERVICES=1)");
        }
        Assumptions.abort(message + "; skipped");
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
