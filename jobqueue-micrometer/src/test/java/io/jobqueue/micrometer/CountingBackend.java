package io.jobqueue.micrometer;

import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.WorkerHeartbeat;
import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.BackendFactory;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory backend ({@code className: counting}) that counts its {@link #counts()} reads and
 * can be told to fail them, as a server that went away would.
 */
public final class CountingBackend implements QueueBackend {

    private final InMemoryBackend delegate;
    private final AtomicInteger countReads = new AtomicInteger();
    private final AtomicBoolean failCounts = new AtomicBoolean();

    private CountingBackend(InMemoryBackend delegate) {
        this.delegate = delegate;
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
        return delegate.counts();
    }

    @Override
    public QueueCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void setUp() {
        delegate.setUp();
    }

    @Override
    public List<String> submit(List<NewMessage> messages) {
        return delegate.submit(messages);
    }

    @Override
    public List<Message> reserve(int max, Duration timeout) {
        return delegate.reserve(max, timeout);
    }

    @Override
    public Set<String> finish(List<Message> messages) {
        return delegate.finish(messages);
    }

    @Override
    public Set<String> release(List<Message> messages, ReleaseOptions options) {
        return delegate.release(messages, options);
    }

    @Override
    public Set<String> abort(List<Abort> aborts) {
        return delegate.abort(aborts);
    }

    @Override
    public Set<String> extendLeases(List<Message> messages) {
        return delegate.extendLeases(messages);
    }

    @Override
    public List<Message> peek(int limit) {
        return delegate.peek(limit);
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        return delegate.listFailed(limit);
    }

    @Override
    public List<DelayedMessage> listDelayed(int limit) {
        return delegate.listDelayed(limit);
    }

    @Override
    public Optional<MessageInfo> find(String id) {
        return delegate.find(id);
    }

    @Override
    public void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl) {
        delegate.publishHeartbeat(heartbeat, ttl);
    }

    @Override
    public boolean removeHeartbeat(String workerId) {
        return delegate.removeHeartbeat(workerId);
    }

    @Override
    public List<WorkerHeartbeat> listHeartbeats(int limit) {
        return delegate.listHeartbeats(limit);
    }

    @Override
    public String heartbeatLocation() {
        return delegate.heartbeatLocation();
    }

    @Override
    public boolean retryFailed(String id) {
        return delegate.retryFailed(id);
    }

    @Override
    public boolean deleteFailed(String id) {
        return delegate.deleteFailed(id);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Registers {@link CountingBackend} under the alias {@code counting} (test resources' META-INF/services). */
    public static final class Factory extends BackendFactory {
        public Factory() {
            super("counting", CountingBackend.class, (QueueContext context) -> new CountingBackend(InMemoryBackend.create(context)),
                    null);
        }
    }
}
