package io.jobqueue.spi;

import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.WorkerHeartbeat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A backend that hands every call to another one: extend it and override the calls a decorator
 * changes (an integration that submits inside the caller's transaction, a test double that forgets
 * finishes or fails for a while). {@link io.jobqueue.Queue#backend(Class)} looks through it to the
 * backend it wraps.
 */
public class ForwardingBackend implements QueueBackend {

    /** The backend every call goes to. */
    protected final QueueBackend delegate;

    public ForwardingBackend(QueueBackend delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    /** The backend every call goes to. */
    public final QueueBackend delegate() {
        return delegate;
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
    public Set<String> submitExtras() {
        return delegate.submitExtras();
    }

    @Override
    public List<String> submit(List<NewMessage> messages) {
        return delegate.submit(messages);
    }

    @Override
    public List<io.jobqueue.Submitted> submitUnique(List<NewMessage> messages) {
        return delegate.submitUnique(messages);
    }

    @Override
    public Optional<String> findUnique(String uniqueKey) {
        return delegate.findUnique(uniqueKey);
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
    public QueueCounts counts() {
        return delegate.counts();
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
    public Set<String> cancel(List<String> ids) {
        return delegate.cancel(ids);
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
}
