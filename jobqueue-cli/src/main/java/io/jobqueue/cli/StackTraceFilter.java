package io.jobqueue.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Keeps stack traces off stderr unless {@code --verbose}: a library that logs a warning with its
 * exception (HikariCP during a database restart, a driver) prints one line per event, not the
 * 40 lines of the exception's trace. Drops, line by line, the trace's frames ({@code \tat …},
 * {@code … 12 more}), its {@code Caused by:} and {@code Suppressed:} lines, and the exception's
 * own first line when it follows a log line or a dropped line; everything else passes unchanged.
 * Lines are held until their newline (or a flush). Thread-safe.
 */
final class StackTraceFilter extends OutputStream {

    private static final Pattern FRAME = Pattern.compile("^\\s+(at \\S+\\(.*\\)|\\.\\.\\. \\d+ (more|common frames omitted))\\s*$");
    private static final Pattern CAUSE = Pattern.compile("^\\s*(Caused by|Suppressed): .*");
    /** {@code org.postgresql.util.PSQLException: …}, as {@code Throwable.toString()} starts a trace. */
    private static final Pattern HEADER = Pattern.compile("^([a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error|Throwable)(: .*)?$");
    /** A log line of slf4j-simple as the command configures it: {@code WARN HikariPool - …} or {@code [main] WARN …}. */
    private static final Pattern LOG_LINE = Pattern.compile("^(\\[[^]]*] )?(TRACE|DEBUG|INFO|WARN|ERROR) .*");

    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    /** The last line passed was a log line, or the last line was dropped: an exception's first line may follow. */
    private boolean traceMayFollow;

    StackTraceFilter(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            endLine();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                endLine();
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (line.size() > 0) {
            line.writeTo(target); // a partial line (a status line without its newline): passed as is
            line.reset();
            traceMayFollow = false;
        }
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        target.close();
    }

    private void endLine() throws IOException {
        String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
        boolean drop = FRAME.matcher(text).matches() || CAUSE.matcher(text).matches()
                || (traceMayFollow && HEADER.matcher(text).matches());
        if (drop) {
            traceMayFollow = true;
        } else {
            line.writeTo(target);
            traceMayFollow = LOG_LINE.matcher(text).matches();
        }
        line.reset();
    }
}
