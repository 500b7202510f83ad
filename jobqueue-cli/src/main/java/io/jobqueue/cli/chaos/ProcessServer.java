package io.jobqueue.cli.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the chaos run starts as its own child process on a free port of 127.0.0.1, with
 * persistence on and its data in the run's folder: {@code redis-server} (append-only file,
 * {@code appendfsync always}) or {@code beanstalkd} (binlog, {@code -b}). A restart SIGKILLs it and
 * starts it again on the same port and data; it is ready when it answers a probe (Redis:
 * {@code PING} → {@code +PONG}, which it answers only once its AOF is loaded; beanstalkd:
 * {@code stats} → {@code OK}). Its output goes to {@code <engine>.log} in the folder.
 */
final class ProcessServer implements PrivateServer {

    private static final Duration START_PATIENCE = Duration.ofSeconds(30);

    private final String engine;
    private final String className;
    private final List<String> command;
    private final int port;
    private final String probe;
    private final String answer;
    private final Path log;
    private final String description;
    private Process process;
    private boolean closed;

    private ProcessServer(String engine, String className, List<String> command, int port, String probe, String answer,
            Path folder, String description) {
        this.engine = engine;
        this.className = className;
        this.command = List.copyOf(command);
        this.port = port;
        this.probe = probe;
        this.answer = answer;
        this.log = folder.resolve(engine + ".log");
        this.description = description;
    }

    static ProcessServer redis(Path folder) {
        int port = freePort();
        Path data = folder.resolve("redis-data");
        createFolder(data);
        List<String> command = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", data.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                "--protected-mode", "no", "--daemonize", "no");
        return started(new ProcessServer("redis", "redis", command, port, "PING\r\n", "+PONG", folder,
                "redis-server on 127.0.0.1:" + port + ", append-only file (appendfsync always) in " + data));
    }

    static ProcessServer beanstalkd(Path folder) {
        int port = freePort();
        Path binlog = folder.resolve("beanstalkd-binlog");
        createFolder(binlog);
        List<String> command = List.of("beanstalkd", "-l", "127.0.0.1", "-p", Integer.toString(port), "-b", binlog.toString());
        return started(new ProcessServer("beanstalkd", "beanstalkd", command, port, "stats\r\n", "OK", folder,
                "beanstalkd on 127.0.0.1:" + port + ", binlog in " + binlog));
    }

    private static ProcessServer started(ProcessServer server) {
        server.launch();
        return server;
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("host", "127.0.0.1", "port", port);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public Restart restart(Duration down) {
        long downAt = RunRecorder.now();
        kill();
        sleep(down);
        launch();
        return new Restart(downAt, RunRecorder.now());
    }

    private synchronized void launch() {
        if (closed) {
            throw new ChaosSetupException(engine + " was stopped");
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new ChaosSetupException("cannot start " + command.get(0) + " (is it installed and on the PATH?): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (!answers()) {
            if (!process.isAlive()) {
                throw new ChaosSetupException(command.get(0) + " exited with code " + process.exitValue() + " at start; see " + log);
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new ChaosSetupException(command.get(0) + " did not answer on 127.0.0.1:" + port + " within "
                        + START_PATIENCE.toSeconds() + " s; see " + log);
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write(probe.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return line != null && line.startsWith(answer);
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new ChaosSetupException(command.get(0) + " (pid " + process.pid() + ") did not die within 10 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            kill();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosSetupException("interrupted", e);
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
