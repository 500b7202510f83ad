package io.jobqueue.testkit;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Passes every call to another queue, for test doubles that change one behaviour (a broken queue
 * that proves a test can fail, a queue that fails on purpose). The batch calls
 * ({@code submitAll}, {@code waitAndReserve(max, …)}, {@code finishAll}, {@code extendLeases}) keep
 * the interface's defaults, which go through the single calls, so overriding a single call changes
 * its batch form too; override a batch call to forward it as it is.
 */
public abstract class ForwardingQueue implements Queue {

    /** The queue every call goes to. */
    protected final Queue delegate;

    protected ForwardingQueue(Queue delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
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
    public String submit(String payload, SubmitOptions options) {
        return delegate.submit(payload, options);
    }

    @Override
    public Optional<Message> waitAndTake(Duration timeout) {
        return delegate.waitAndTake(timeout);
    }

    @Override
    public Optional<Message> waitAndReserve(Duration timeout) {
        return delegate.waitAndReserve(timeout);
    }

    @Override
    public boolean release(String id, ReleaseOptions options) {
        return delegate.release(id, options);
    }

    @Override
    public boolean abort(String id, String reason) {
        return delegate.abort(id, reason);
    }

    @Override
    public boolean finish(String id) {
        return delegate.finish(id);
    }

    @Override
    public boolean extendLease(String id) {
        return delegate.extendLease(id);
    }

    @Override
    public Duration leaseTimeout() {
        return delegate.leaseTimeout();
    }

    @Override
    public List<Message> peek(int limit) {
        return delegate.peek(limit);
    }

    @Override
    public long countReady() {
        return delegate.countReady();
    }

    @Override
    public long countReserved() {
        return delegate.countReserved();
    }

    @Override
    public long countFailed() {
        return delegate.countFailed();
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        return delegate.listFailed(limit);
    }

    @Override
    public boolean retryFailed(String id) {
        return delegate.retryFailed(id);
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
