package io.jobqueue.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sets up slf4j-simple before the first logger exists: warnings and errors on stderr by default,
 * info with {@code --verbose}. Commands that report job failures themselves ({@code job:work},
 * {@code demo}) silence the job manager's per-failure warnings unless verbose, so each failure is
 * said once. A level given with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins. Without
 * {@code --verbose}, stderr drops stack traces ({@link StackTraceFilter}): one line per logged event.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(String[] args) {
        List<String> list = List.of(args);
        boolean verbose = list.contains("--verbose") || list.contains("-v");
        setDefault("defaultLogLevel", verbose ? "info" : "warn");
        setDefault("logFile", "System.err");
        setDefault("showShortLogName", "true");
        setDefault("showThreadName", verbose ? "true" : "false");
        if (!verbose && (list.contains("job:work") || list.contains("demo"))) {
            setDefault("log.io.jobqueue.JobManager", "error");
        }
        if (!verbose) {
            // the MariaDB driver logs each refused login of the pool's retries; the error line says it once
            setDefault("log.org.mariadb.jdbc.message.server.ErrorPacket", "error");
            // stack traces belong behind --verbose: a logged exception is its log line alone
            System.setErr(new PrintStream(new StackTraceFilter(System.err), true, StandardCharsets.UTF_8));
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
