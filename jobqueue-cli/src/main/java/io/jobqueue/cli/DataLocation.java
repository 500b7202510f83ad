package io.jobqueue.cli;

import io.jobqueue.QueueSettings;
import io.jobqueue.spi.Secrets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a queue keeps its messages, said for humans from its settings alone (secrets masked, the
 * backend is not contacted): for the demo's summary, for error lines, and to tell whether an
 * embedded SQLite database exists before a read-only command would create it by connecting.
 */
final class DataLocation {

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";

    private DataLocation() {
    }

    /** "SQLite file /abs/path", "jdbc at jdbc:postgresql://…", "redis at redis://…", "in memory (…)". */
    static String describe(QueueSettings settings, String backend) {
        Optional<Path> file = sqliteFile(settings);
        if (file.isPresent()) {
            return "SQLite file " + file.get();
        }
        String address = serverAddress(settings);
        if ("memory".equals(backend)) {
            return "in memory (gone when the command exits)";
        }
        return address == null ? backend : backend + " at " + address;
    }

    /**
     * The address an error line names: the URL without its parameters and with its secrets masked,
     * the SQLite file, or {@code host:port}; null when the settings name none (the backend's default).
     */
    static String address(QueueSettings settings) {
        Optional<Path> file = sqliteFile(settings);
        return file.isPresent() ? "SQLite file " + file.get() : serverAddress(settings);
    }

    /**
     * The SQLite file of a JDBC queue on SQLite (option {@code path}, a {@code jdbc:sqlite:} URL, or
     * the JDBC backend's default file), a relative one resolved as the backend resolves it (against
     * the process's working folder, which is the folder the command runs in); empty for other queues.
     */
    static Optional<Path> sqliteFile(QueueSettings settings) {
        if (!isJdbc(settings.className())) {
            return Optional.empty();
        }
        Object url = settings.options().get("url");
        Object path = settings.options().get("path");
        String file;
        if (url == null) {
            file = path == null ? Config.DEFAULT_DATABASE : path.toString();
        } else if (url.toString().startsWith(SQLITE_PREFIX)) {
            file = url.toString().substring(SQLITE_PREFIX.length()).split("\\?", 2)[0];
            file = file.startsWith("file:") ? file.substring("file:".length()) : file;
            if (file.isEmpty() || file.contains(":memory:")) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(Path.of(file).toAbsolutePath().normalize());
    }

    private static String serverAddress(QueueSettings settings) {
        Object url = settings.options().get("url");
        if (url == null) {
            url = settings.options().get("uri");
        }
        if (url != null) {
            String withoutParameters = url.toString().split("[?;]", 2)[0];
            return Secrets.mask(withoutParameters, Secrets.secretsOf(settings.options()));
        }
        Object host = settings.options().get("host");
        Object port = settings.options().get("port");
        if (host == null && port == null) {
            return null;
        }
        return (host == null ? "127.0.0.1" : host) + (port == null ? "" : ":" + port);
    }

    /** Whether a className names the JDBC backend (its alias or one of its classes). */
    static boolean isJdbc(String className) {
        return "jdbc".equals(className) || (className != null && className.startsWith("io.jobqueue.jdbc."));
    }
}
