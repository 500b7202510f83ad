package io.jobqueue.cli;

import io.jobqueue.QueueSettings;
import io.jobqueue.spi.Secrets;
import java.nio.file.Path;

/** Where a queue keeps its messages, said for humans (secrets masked). */
final class DataLocation {

    private DataLocation() {
    }

    static String describe(QueueSettings settings, String backend, Path cwd) {
        Object path = settings.options().get("path");
        Object url = settings.options().get("url");
        if ("jdbc".equals(backend) && url == null) {
            String file = path == null ? Config.DEFAULT_DATABASE : path.toString();
            return "SQLite file " + cwd.resolve(file).normalize();
        }
        if (url != null) {
            return backend + " at " + Secrets.mask(url.toString(), Secrets.secretsOf(settings.options()));
        }
        if ("memory".equals(backend)) {
            return "in memory (gone when the command exits)";
        }
        Object host = settings.options().get("host");
        return host == null ? backend : backend + " at " + host;
    }
}
