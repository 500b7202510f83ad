package io.jobqueue.cli.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the chaos run's own: {@code mariadb-install-db} in the run's folder (a root
 * that logs in without a password, {@code --auth-root-authentication-method=normal}), then
 * {@code mariadbd --no-defaults} on a free port of 127.0.0.1 with its socket in its data folder,
 * and the database {@code test}. The programs ({@code mariadb-install-db}, {@code mariadbd} and the
 * client {@code mariadb}) are found on the PATH, else in {@code /usr/sbin}, {@code /usr/local/sbin} or
 * {@code /usr/libexec}. As root, both get {@code --user=mysql} (the
 * server switches to that user itself, so the process the run holds is {@code mariadbd}, and a
 * SIGKILL reaches it), and the data folder belongs to {@code mysql}. It is ready when root logs in
 * over TCP with the client and {@code CREATE DATABASE IF NOT EXISTS test} goes through. A restart SIGKILLs {@code mariadbd} (a crash: InnoDB recovers from its
 * redo log at the next start) and starts it again on the same port and data; {@link #close()}
 * stops it with SIGTERM, a normal shutdown (SIGKILL if it takes over 30 s). Its output goes to
 * {@code mariadb.log} in the run's folder.
 */
final class MariaDbServer implements PrivateServer {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);
    private static final List<String> OTHER_FOLDERS = List.of("/usr/sbin", "/usr/local/sbin", "/usr/libexec");

    private final Path mariadbd;
    private final Path client;
    private final Path data;
    private final Path log;
    private final int port;
    private final Optional<String> user;
    private Process process;
    private boolean closed;

    private MariaDbServer(Path mariadbd, Path client, Path data, Path log, int port, Optional<String> user) {
        this.mariadbd = mariadbd;
        this.client = client;
        this.data = data;
        this.log = log;
        this.port = port;
        this.user = user;
    }

    static MariaDbServer start(Path folder) {
        Path installDb = find("mariadb-install-db").orElseThrow(() -> new ChaosSetupException(
                "MariaDB's mariadb-install-db was found neither on the PATH nor in " + String.join(", ", OTHER_FOLDERS)
                        + " (install the MariaDB server, or run on a MariaDB of yours with --queue and a settings file)"));
        Path mariadbd = find("mariadbd").orElseThrow(() -> new ChaosSetupException(
                "MariaDB's mariadbd was found neither on the PATH nor in " + String.join(", ", OTHER_FOLDERS)));
        Path client = find("mariadb").orElseThrow(() -> new ChaosSetupException(
                "MariaDB's client mariadb was found neither on the PATH nor in " + String.join(", ", OTHER_FOLDERS)));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = folder.resolve("mariadb-data");
        Optional<String> user = Optional.empty();
        try {
            Files.createDirectories(data);
            if (root) {
                // mariadbd does not run as root unless told to: as root, it runs as mysql where that user exists
                user = Optional.of(mysqlUserExists(folder) ? "mysql" : "root");
                if (user.get().equals("mysql")) {
                    // the mysql user must get through the run's folder to its own data folder
                    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
                    Files.setOwner(data, folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("mysql"));
                }
            }
        } catch (IOException e) {
            throw new ChaosSetupException("cannot prepare the MariaDB data folder " + data
                    + (root ? " for the user mysql" : "") + ": " + e.getMessage(), e);
        }
        MariaDbServer server = new MariaDbServer(mariadbd, client, data, folder.resolve("mariadb.log"), ProcessServer.freePort(), user);
        List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        user.ifPresent(name -> install.add("--user=" + name));
        run("mariadb-install-db", install, folder.resolve("mariadb-install.log"));
        try {
            server.launch();
        } catch (RuntimeException e) {
            server.close(); // the caller gets no server to stop
            throw e;
        }
        return server;
    }

    @Override
    public String engine() {
        return "mariadb";
    }

    @Override
    public String className() {
        return "jdbc";
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("url", "jdbc:mariadb://127.0.0.1:" + port + "/test", "username", "root");
    }

    @Override
    public String describe() {
        return "mariadbd (" + mariadbd + ") on 127.0.0.1:" + port + ", database test, user root, data in " + data;
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public synchronized Restart restart(Duration down) {
        long downAt = RunRecorder.now();
        kill();
        ProcessServer.sleep(down);
        launch();
        return new Restart(downAt, RunRecorder.now());
    }

    private synchronized void launch() {
        if (closed) {
            throw new ChaosSetupException("MariaDB was stopped");
        }
        List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults", "--datadir=" + data,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + data.resolve("mariadb.sock"),
                "--skip-name-resolve", "--max-connections=300"));
        user.ifPresent(name -> command.add("--user=" + name));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new ChaosSetupException("cannot start " + mariadbd + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        // the first time, the answer creates the database test; afterwards it proves that test is there
        while (!answers("CREATE DATABASE IF NOT EXISTS test")) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                process = null;
                throw new ChaosSetupException("mariadbd exited with code " + code + " at start; see " + log);
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new ChaosSetupException("mariadbd did not let root log in on 127.0.0.1:" + port + " within "
                        + PATIENCE.toSeconds() + " s; see " + log);
            }
            ProcessServer.sleep(Duration.ofMillis(50));
        }
    }

    /** True when root logs in over TCP and the statement goes through (the client's exit code). */
    private boolean answers(String sql) {
        List<String> command = List.of(client.toString(), "--no-defaults", "--protocol=tcp", "--host=127.0.0.1",
                "--port=" + port, "--user=root", "--connect-timeout=1", "--batch", "--execute=" + sql);
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(5, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            throw new ChaosSetupException("cannot run " + client + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosSetupException("interrupted while waiting for mariadbd", e);
        }
    }

    /** SIGKILL, and wait until the process is gone (its files and port are free then). */
    private synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10), "SIGKILL");
        process = null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: mariadbd shuts down normally
        try {
            if (!process.waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        process = null;
    }

    private void awaitExit(Duration patience, String signal) {
        try {
            if (!process.waitFor(patience.toSeconds(), TimeUnit.SECONDS)) {
                throw new ChaosSetupException("mariadbd (pid " + process.pid() + ") did not die within "
                        + patience.toSeconds() + " s of " + signal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(String what, List<String> command, Path output) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ChaosSetupException(what + " did not finish within " + PATIENCE.toSeconds() + " s; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new ChaosSetupException(what + " failed with exit code " + process.exitValue() + "; see " + output);
            }
        } catch (IOException e) {
            throw new ChaosSetupException("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosSetupException("interrupted while running " + what, e);
        }
    }

    private static boolean mysqlUserExists(Path folder) {
        try {
            UserPrincipal mysql = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("mysql");
            return mysql != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> find(String program) {
        List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
        folders.addAll(OTHER_FOLDERS);
        return folders.stream().filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable).findFirst();
    }
}
