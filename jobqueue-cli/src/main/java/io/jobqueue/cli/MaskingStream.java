package io.jobqueue.cli;

import io.jobqueue.spi.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command's last line of defence for secrets: wraps the process's stderr, where log lines of
 * every library (HikariCP, the drivers, Lettuce) and errors end up, and passes each line through
 * {@link Secrets#mask} with the secrets of the loaded settings. Lines are held until their newline
 * (or a flush), so a secret is never split between two writes. Thread-safe.
 */
final class MaskingStream extends OutputStream {

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;

    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    private MaskingStream(OutputStream target) {
        this.target = target;
    }

    /** Makes the process's stderr a masking stream; the command's {@code main} calls it first. */
    static void installOnStderr() {
        System.setErr(new PrintStream(new MaskingStream(System.err), false, StandardCharsets.UTF_8));
        installed = true;
    }

    /**
     * Adds secrets to mask from now on on the process's stderr (those of the settings the command
     * loaded); nothing when {@link #installOnStderr()} was not called (a command run inside a test).
     */
    static void addSecrets(Collection<String> secrets) {
        if (!installed) {
            return;
        }
        secrets.stream().filter(s -> s != null && !s.isEmpty()).forEach(SECRETS::add);
    }

    /** The secrets registered so far. */
    static Set<String> secrets() {
        return Set.copyOf(SECRETS);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            line.write(bytes[i]);
            if (bytes[i] == '\n') {
                emit();
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        target.close();
    }

    private void emit() throws IOException {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        target.write(Secrets.mask(text, SECRETS).getBytes(StandardCharsets.UTF_8));
        target.flush();
    }
}
