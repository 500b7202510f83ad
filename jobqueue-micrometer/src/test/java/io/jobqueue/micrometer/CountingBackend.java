package io.jobqueue.micrometer;

import io.jobqueue.QueueCounts;
import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.BackendFactory;
import io.jobqueue.spi.ForwardingBackend;
import io.jobqueue.spi.QueueContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory backend ({@code className: counting}) that counts its {@link #counts()} reads and
 * can be told to fail them, as a server that went away would; every other call goes to the
 * in-memory backend as it is.
 */
public final class CountingBackend extends ForwardingBackend {

    private final AtomicInteger countReads = new AtomicInteger();
    private final AtomicBoolean failCounts = new AtomicBoolean();

    private CountingBackend(InMemoryBackend delegate) {
        super(delegate);
    }

    /** How often {@link #counts()} was called, failed calls included. */
    public int countReads() {
        return countReads.get();
    }

    /** Makes every following {@link #counts()} throw (true) or succeed again (false). */
    public void failCounts(boolean fail) {
        failCounts.set(fail);
    }

    @Override
    public QueueCounts counts() {
        countReads.incrementAndGet();
        if (failCounts.get()) {
            throw new IllegalStateException("connection refused (a test's outage)");
        }
        return super.counts();
    }

    /** Registers {@link CountingBackend} under the alias {@code counting} (test resources' META-INF/services). */
    public static final class Factory extends BackendFactory {
        public Factory() {
            super("counting", CountingBackend.class, (QueueContext context) -> new CountingBackend(InMemoryBackend.create(context)),
                    null);
        }
    }
}
