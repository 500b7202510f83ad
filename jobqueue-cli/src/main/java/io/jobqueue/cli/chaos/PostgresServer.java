package io.jobqueue.cli.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the chaos run's own: {@code initdb} in the run's folder (trust, user
 * {@code postgres}), started with {@code pg_ctl} on a free port of 127.0.0.1 with its socket in its
 * data folder. The programs are found on the PATH, else in the newest {@code /usr/lib/postgresql/<n>/bin}.
 * PostgreSQL refuses to run as root, so as root they run as the user {@code postgres} through
 * {@code runuser}, which then owns the data folder. A restart is {@code pg_ctl stop -m immediate} (a
 * crash: recovery replays the WAL at the next start) and a start; {@link #close()} stops it fast.
 */
final class PostgresServer implements PrivateServer {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean asPostgresUser;
    private boolean running;
    private boolean closed;

    private PostgresServer(Path bin, Path data, Path log, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.log = log;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    static PostgresServer start(Path folder) {
        Path bin = findBin().orElseThrow(() -> new ChaosSetupException(
                "PostgreSQL's initdb and pg_ctl were found neither on the PATH nor in /usr/lib/postgresql/*/bin"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = folder.resolve("postgres-data");
        try {
            Files.createDirectories(data);
            if (root) {
                // the postgres user must get through the run's folder to its own data folder
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
                UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(data, postgres);
            }
        } catch (IOException e) {
            throw new ChaosSetupException("cannot prepare the PostgreSQL data folder " + data
                    + (root ? " for the user postgres (PostgreSQL does not run as root)" : "") + ": " + e.getMessage(), e);
        }
        PostgresServer server = new PostgresServer(bin, data, data.resolve("server.log"), ProcessServer.freePort(), root);
        server.run("initdb", List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-sync"), folder.resolve("initdb.log"));
        server.launch();
        return server;
    }

    @Override
    public String engine() {
        return "postgres";
    }

    @Override
    public String className() {
        return "jdbc";
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "username", "postgres");
    }

    @Override
    public String describe() {
        return "PostgreSQL (" + bin + ") on 127.0.0.1:" + port + ", data in " + data;
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public synchronized Restart restart(Duration down) {
        long downAt = RunRecorder.now();
        pgCtl("stop", "-m", "immediate");
        running = false;
        ProcessServer.sleep(down);
        launch();
        return new Restart(downAt, RunRecorder.now());
    }

    private synchronized void launch() {
        if (closed) {
            throw new ChaosSetupException("PostgreSQL was stopped");
        }
        pgCtl("start", "-w", "-t", Long.toString(PATIENCE.toSeconds()), "-l", log.toString(), "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c max_connections=300");
        running = true;
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString()));
        command.addAll(List.of(args));
        run("pg_ctl " + args[0], command, data.getParent().resolve("pg_ctl.log"));
    }

    private void run(String what, List<String> command, Path output) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            if (!process.waitFor(PATIENCE.toSeconds() + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ChaosSetupException(what + " did not finish within "
                        + PATIENCE.toSeconds() + " s; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new ChaosSetupException(what + " failed with exit code " + process.exitValue() + "; see " + output + " and " + log);
            }
        } catch (IOException e) {
            throw new ChaosSetupException("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosSetupException("interrupted while running " + what, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (running) {
            running = false;
            try {
                pgCtl("stop", "-m", "fast");
            } catch (ChaosSetupException e) {
                pgCtl("stop", "-m", "immediate");
            }
        }
    }

    private static Optional<Path> findBin() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                try {
                    return Optional.of(Path.of(dir, "initdb").toRealPath().getParent()); // a link to the real installation
                } catch (IOException e) {
                    return Optional.of(Path.of(dir));
                }
            }
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                    .max(Comparator.comparing(PostgresServer::versionNumber));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int versionNumber(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
